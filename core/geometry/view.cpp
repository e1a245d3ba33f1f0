#include "core/geometry/view.h"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace inrgan {

View parse_view(const std::string& text) {
  std::vector<double> values;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    try {
      std::size_t used = 0;
      const double value = std::stod(item, &used);
      if (item.find_first_not_of(" \t", used) != std::string::npos) throw std::invalid_argument("");
      if (!std::isfinite(value)) throw std::invalid_argument("");
      values.push_back(value);
    } catch (const std::exception&) {
      throw std::invalid_argument("view \"" + text + "\": \"" + item + "\" is not a number");
    }
  }
  if (values.size() != 4)
    throw std::invalid_argument("view \"" + text + "\" must be four numbers x0,y0,x1,y1");
  const View view{values[0], values[1], values[2], values[3]};
  if (!(view.x1 > view.x0) || !(view.y1 > view.y0))
    throw std::invalid_argument("view \"" + text + "\" must have x1 > x0 and y1 > y0");
  return view;
}

PixelSize parse_pixel_size(const std::string& text, const std::string& option, int max_side) {
  long long w = 0, h = 0;
  char x = 0, extra = 0;
  if (std::sscanf(text.c_str(), "%lld%c%lld%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X'))
    throw std::invalid_argument(option + " \"" + text + "\" must be WIDTHxHEIGHT, e.g. 4096x1024");
  if (w < 1 || h < 1 || w > max_side || h > max_side)
    throw std::invalid_argument(option + " \"" + text + "\": each side must be 1.." +
                                std::to_string(max_side) + " pixels");
  return {static_cast<int>(w), static_cast<int>(h)};
}

std::string format_view(const View& view) {
  char buffer[128];
  std::snprintf(buffer, sizeof buffer, "%g,%g,%g,%g", view.x0, view.y0, view.x1, view.y1);
  return buffer;
}

}  // namespace inrgan

# All dependencies are Debian packages installed by scripts/setup.sh.
find_package(Threads REQUIRED)
find_package(Torch REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
find_package(tomlplusplus REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(PNG REQUIRED)  # streamed export: rows go into the file as they are rendered

# One target for LibTorch; its headers come in as SYSTEM so that -Wall -Wextra stays about our code.
add_library(inrgan_torch INTERFACE)
target_link_libraries(inrgan_torch INTERFACE ${TORCH_LIBRARIES})
target_include_directories(inrgan_torch SYSTEM INTERFACE ${TORCH_INCLUDE_DIRS})

# CUDA parts are compiled only when the toolkit and a CUDA build of LibTorch are both present.
set(INRGAN_HAVE_CUDA OFF)
if(TORCH_CUDA_LIBRARIES OR CUDA_FOUND)
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    set(INRGAN_HAVE_CUDA ON)
  endif()
endif()
message(STATUS "INR-GAN Studio: CUDA support ${INRGAN_HAVE_CUDA}")

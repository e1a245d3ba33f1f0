#include "ui/run_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include <exception>
#include <functional>

#include "ui/format.h"

namespace inrgan::ui {

namespace {
// A line edit with a "..." button that opens a dialog.
QWidget* withBrowse(QLineEdit* edit, QObject* context, std::function<void()> browse) {
  auto* row = new QWidget;
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(4);
  layout->addWidget(edit, 1);
  auto* button = new QToolButton;
  button->setText(QStringLiteral("…"));
  button->setToolTip(QObject::tr("Browse"));
  QObject::connect(button, &QToolButton::clicked, context, std::move(browse));
  layout->addWidget(button);
  return row;
}
}  // namespace

RunPanel::RunPanel(QWidget* parent) : QWidget(parent) {
  data_edit_ = new QLineEdit;
  data_edit_->setPlaceholderText(tr("folder of images"));
  data_edit_->setToolTip(tr("Any folder of images; unreadable files are skipped and listed in the log"));
  preset_combo_ = new QComboBox;
  try {
    for (const std::string& name : inrgan::preset_names())
      preset_combo_->addItem(QString::fromStdString(name));
  } catch (const std::exception&) {
    // No presets found: the info line says so, a config file still works.
  }
  const int cpu_small = preset_combo_->findText(QStringLiteral("cpu-small"));
  if (cpu_small >= 0) preset_combo_->setCurrentIndex(cpu_small);
  config_info_ = new QLabel;
  config_info_->setWordWrap(true);
  config_info_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  config_edit_ = new QLineEdit;
  config_edit_->setPlaceholderText(tr("optional: overrides the preset"));
  config_edit_->setClearButtonEnabled(true);
  run_edit_ = new QLineEdit;
  resume_box_ = new QCheckBox(tr("Resume this run folder"));
  resume_box_->setToolTip(tr("Continue from the newest checkpoint in the run folder, with the "
                             "config the run was started with"));

  auto* form = new QFormLayout;
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form->addRow(tr("Data"), withBrowse(data_edit_, this, [this] {
                 const QString dir = QFileDialog::getExistingDirectory(this, tr("Data folder"), data_edit_->text());
                 if (!dir.isEmpty()) setDataDir(dir);
               }));
  form->addRow(tr("Preset"), preset_combo_);
  form->addRow(QString(), config_info_);
  form->addRow(tr("Config"), withBrowse(config_edit_, this, [this] {
                 const QString file = QFileDialog::getOpenFileName(
                     this, tr("Config file"), config_edit_->text(), tr("Configs (*.toml *.json)"));
                 if (!file.isEmpty()) setConfigFile(file);
               }));
  form->addRow(tr("Run folder"), withBrowse(run_edit_, this, [this] {
                 const QString dir = QFileDialog::getExistingDirectory(this, tr("Run folder"), run_edit_->text());
                 if (!dir.isEmpty()) setRunDir(dir);
               }));
  form->addRow(QString(), resume_box_);

  start_ = new QPushButton(tr("Start"));
  start_->setDefault(true);
  pause_ = new QPushButton(tr("Pause"));
  stop_ = new QPushButton(tr("Stop"));
  stop_->setToolTip(tr("Save a checkpoint and stop; Resume continues from it"));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(start_);
  buttons->addWidget(pause_);
  buttons->addWidget(stop_);

  auto* group = new QGroupBox(tr("Run"));
  auto* group_layout = new QVBoxLayout(group);
  group_layout->addLayout(form);
  group_layout->addLayout(buttons);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(group);
  layout->addStretch(1);

  inputs_ = {data_edit_, preset_combo_, config_edit_, run_edit_, resume_box_};

  connect(preset_combo_, &QComboBox::currentTextChanged, this, [this] {
    updateConfigInfo();
    suggestRunDir();
  });
  connect(config_edit_, &QLineEdit::textChanged, this, [this] {
    preset_combo_->setEnabled(config_edit_->text().isEmpty() && !isActive(state_));
    updateConfigInfo();
    suggestRunDir();
  });
  connect(run_edit_, &QLineEdit::textEdited, this, [this] { run_dir_edited_ = true; });
  connect(start_, &QPushButton::clicked, this, &RunPanel::startRequested);
  connect(stop_, &QPushButton::clicked, this, &RunPanel::stopRequested);
  connect(pause_, &QPushButton::clicked, this, [this] {
    if (state_ == SessionState::Paused) {
      Q_EMIT resumeRequested();
    } else {
      Q_EMIT pauseRequested();
    }
  });

  updateConfigInfo();
  suggestRunDir();
  setState(SessionState::Idle);
}

RunRequest RunPanel::request() const {
  RunRequest r;
  r.data_dir = data_edit_->text().trimmed();
  r.preset = preset_combo_->currentText();
  r.config_file = config_edit_->text().trimmed();
  r.run_dir = run_edit_->text().trimmed();
  r.resume = resume_box_->isChecked();
  return r;
}

QStringList RunPanel::presets() const {
  QStringList names;
  for (int i = 0; i < preset_combo_->count(); ++i) names << preset_combo_->itemText(i);
  return names;
}

std::optional<inrgan::Config> RunPanel::loadConfig(QString* error) const {
  const RunRequest r = request();
  try {
    if (!r.config_file.isEmpty()) return inrgan::load_config(r.config_file.toStdString());
    if (r.preset.isEmpty()) {
      if (error) *error = tr("No preset found and no config file given.");
      return std::nullopt;
    }
    return inrgan::load_config(inrgan::preset_path(r.preset.toStdString()));
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return std::nullopt;
  }
}

QString RunPanel::configSummary() const { return config_info_->text(); }

void RunPanel::updateConfigInfo() {
  QString error;
  const auto config = loadConfig(&error);
  QPalette pal = palette();
  if (!config) {
    pal.setColor(QPalette::WindowText, QColor(0xe1, 0x57, 0x59));
    config_info_->setPalette(pal);
    config_info_->setText(error);
    return;
  }
  config_info_->setPalette(pal);
  const auto& s = config->schedule;
  QStringList resolutions;
  for (int k = 0; k < config->num_stages(); ++k)
    resolutions << QString::number(config->stage_resolution(k));
  QStringList budgets;
  for (std::int64_t b : s.stage_images) budgets << QString::number(static_cast<double>(b) / 1000.0, 'f', 1);
  config_info_->setText(tr("R %1 · P %2 · batch %3\n%4 stage%5: %6 px\n%7 (%8 kimg)")
                            .arg(s.resolution)
                            .arg(s.patch)
                            .arg(config->training.batch)
                            .arg(config->num_stages())
                            .arg(config->num_stages() == 1 ? QString() : QStringLiteral("s"))
                            .arg(resolutions.join(QStringLiteral(", ")))
                            .arg(formatKimg(config->total_images()))
                            .arg(budgets.join(QStringLiteral(" + "))));
}

QString RunPanel::configName() const {
  const QString file = config_edit_->text().trimmed();
  if (!file.isEmpty()) return QFileInfo(file).completeBaseName();
  return preset_combo_->currentText().isEmpty() ? QStringLiteral("run") : preset_combo_->currentText();
}

QString RunPanel::defaultRunDir(const QString& name) {
  return QStringLiteral("runs/%1-%2").arg(
      name, QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
}

void RunPanel::suggestRunDir() {
  if (run_dir_edited_ || resume_box_->isChecked()) return;
  run_edit_->setText(defaultRunDir(configName()));
}

void RunPanel::setDataDir(const QString& dir) { data_edit_->setText(dir); }

bool RunPanel::setPreset(const QString& name) {
  const int index = preset_combo_->findText(name);
  if (index < 0) return false;
  preset_combo_->setCurrentIndex(index);
  return true;
}

void RunPanel::setConfigFile(const QString& file) { config_edit_->setText(file); }

void RunPanel::setRunDir(const QString& dir) {
  run_edit_->setText(dir);
  run_dir_edited_ = true;
}

void RunPanel::setResume(bool resume) { resume_box_->setChecked(resume); }

void RunPanel::setState(inrgan::SessionState state) {
  state_ = state;
  const bool active = isActive(state);
  for (QWidget* input : inputs_) input->setEnabled(!active);
  preset_combo_->setEnabled(!active && config_edit_->text().isEmpty());
  start_->setEnabled(!active);
  pause_->setEnabled(state == SessionState::Running || state == SessionState::Paused);
  pause_->setText(state == SessionState::Paused ? tr("Resume") : tr("Pause"));
  stop_->setEnabled(state == SessionState::Preparing || state == SessionState::Running ||
                    state == SessionState::Paused);
  // A finished run gets a fresh folder suggestion, so Start never overwrites it by accident.
  if (!active && state != SessionState::Idle && !run_dir_edited_) suggestRunDir();
}

}  // namespace inrgan::ui

// The "Run" panel: what to train on (data folder), how (a preset or a config file), where to write
// (run folder, or an existing one to resume), and the Start / Pause / Stop buttons.
#pragma once

#include <QString>
#include <QWidget>

#include <optional>

#include "core/config/config.h"
#include "core/session/events.h"
#include "ui/event_metatypes.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace inrgan::ui {

struct RunRequest {
  QString data_dir;
  QString preset;       // used when config_file is empty
  QString config_file;  // overrides the preset
  QString run_dir;
  bool resume = false;
};

class RunPanel : public QWidget {
  Q_OBJECT

 public:
  explicit RunPanel(QWidget* parent = nullptr);

  RunRequest request() const;
  // The config the request names (config file, else preset), or nullopt with *error set.
  std::optional<inrgan::Config> loadConfig(QString* error) const;

  void setDataDir(const QString& dir);
  // False (and nothing changes) when no preset has this name.
  bool setPreset(const QString& name);
  void setConfigFile(const QString& file);
  void setRunDir(const QString& dir);
  void setResume(bool resume);
  QStringList presets() const;

  // "runs/<preset or config name>-<yyyyMMdd-HHmmss>", relative to the working folder.
  static QString defaultRunDir(const QString& name);

  QPushButton* startButton() const { return start_; }
  QPushButton* pauseButton() const { return pause_; }
  QPushButton* stopButton() const { return stop_; }
  QString configSummary() const;

 public Q_SLOTS:
  // Enables what makes sense in this state (no Start while running, no Pause while idle, ...).
  void setState(inrgan::SessionState state);

 Q_SIGNALS:
  void startRequested();
  void pauseRequested();
  void resumeRequested();
  void stopRequested();

 private:
  void updateConfigInfo();
  void suggestRunDir();
  QString configName() const;

  QLineEdit* data_edit_ = nullptr;
  QComboBox* preset_combo_ = nullptr;
  QLabel* config_info_ = nullptr;
  QLineEdit* config_edit_ = nullptr;
  QLineEdit* run_edit_ = nullptr;
  QCheckBox* resume_box_ = nullptr;
  QPushButton* start_ = nullptr;
  QPushButton* pause_ = nullptr;
  QPushButton* stop_ = nullptr;
  QList<QWidget*> inputs_;  // disabled while a session runs
  inrgan::SessionState state_ = inrgan::SessionState::Idle;
  bool run_dir_edited_ = false;  // the user typed one: stop suggesting
};

}  // namespace inrgan::ui

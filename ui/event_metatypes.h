// The core's event structs as Qt meta-types, so that they can travel through queued signals.
#pragma once

#include <QMetaType>

#include "core/session/events.h"

Q_DECLARE_METATYPE(inrgan::StepEvent)
Q_DECLARE_METATYPE(inrgan::StageEvent)
Q_DECLARE_METATYPE(inrgan::SampleEvent)
Q_DECLARE_METATYPE(inrgan::PatchOverlayEvent)
Q_DECLARE_METATYPE(inrgan::CheckpointEvent)
Q_DECLARE_METATYPE(inrgan::LogEvent)
Q_DECLARE_METATYPE(inrgan::PrepareEvent)
Q_DECLARE_METATYPE(inrgan::StateEvent)
Q_DECLARE_METATYPE(inrgan::GeneratorSnapshotEvent)
Q_DECLARE_METATYPE(inrgan::SessionState)

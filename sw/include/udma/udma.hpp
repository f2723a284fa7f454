// The udma C++ library in one include: sequence tables, sessions, the step cursors, the hardware
// back end and the OS side. docs/sw.md describes it.
#pragma once

#include "bus.hpp"
#include "hw.hpp"
#include "initiation.hpp"
#include "method.hpp"
#include "os.hpp"
#include "outcome.hpp"
#include "sequence.hpp"
#include "session.hpp"
#include "window.hpp"

// Host-bus timing profiles: what one uncached 64-bit load or store to the engine window costs the
// host, and what a system call costs (docs/harness.md "Bus profiles" has the sources).
#pragma once

#include <string>
#include <vector>

namespace udma::tb {

struct BusProfile {
    std::string name;
    double read_us = 0;        // one uncached 64-bit load
    double write_us = 0;       // one uncached 64-bit store
    double syscall_us = 0;     // one null system call (the kernel-level path's entry and exit)
    std::string source;        // where the numbers come from
    bool syscall_measured = false;
};

// "turbochannel": the paper's DEC 3000/300 with the 12.5 MHz TurboChannel board. read/write
// calibrated from Table 1 (extended shadow 1.1 us = W + R, key-based 2.3 us = 3W + R); the
// system call calibrated from the kernel-level row (18.6 us = syscall + 4W + R).
BusProfile turbochannel_profile();
// "pcie": a current x86-64 server with the engine behind PCIe, cited MMIO read/write costs and
// the system call measured on this machine (or given with --syscall-us).
BusProfile pcie_profile(double syscall_us);
// Time a null system call (syscall(SYS_getppid)) on this machine, in microseconds (median of 7
// runs of `calls` calls each).
double measure_syscall_us(unsigned calls = 200000);

const std::vector<std::string>& profile_names();

}  // namespace udma::tb

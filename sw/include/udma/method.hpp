// udma::Method: the user-level initiation methods of SPEC section 4, with the codes of the
// register map (rtl/regmap.json, "methods"). The numbers come from the generated udma_regs.h.
#pragma once

#include <cstdint>
#include <string_view>

#include "udma_regs.h"

namespace udma {

enum class Method : std::uint8_t {
    None = UDMA_M_NONE,      // user-level initiation disabled; only the kernel path works
    Shrimp = UDMA_M_SHRIMP,  // S(sh(dst),size), L(sh(src)); kernel ABORT at context switch
    Flash = UDMA_M_FLASH,    // same pair; kernel writes CURRENT_PID at context switch
    Pal = UDMA_M_PAL,        // same pair as one uninterruptible call
    Key = UDMA_M_KEY,        // key-based register contexts, 4 accesses
    Ext = UDMA_M_EXT,        // extended shadow addressing (ctx id in the shadow address)
    Rep3 = UDMA_M_REP3,      // repeated passing, 3 accesses: broken on purpose (paper Fig. 5)
    Rep4 = UDMA_M_REP4,      // repeated passing, 4 accesses: broken on purpose (paper Fig. 6)
    Rep5 = UDMA_M_REP5,      // repeated passing, 5 accesses (paper Fig. 7)
    Kernel = UDMA_M_KERNEL,  // not selectable: the kernel-level path (udma::os)
};

// Every method a process can run from user level, in code order.
inline constexpr Method kUserMethods[] = {Method::Shrimp, Method::Flash, Method::Pal, Method::Key,
                                          Method::Ext,    Method::Rep3,  Method::Rep4, Method::Rep5};

constexpr unsigned code(Method m) { return static_cast<unsigned>(m); }

constexpr bool is_user_level(Method m) {
    switch (m) {
        case Method::Shrimp: case Method::Flash: case Method::Pal: case Method::Key:
        case Method::Ext: case Method::Rep3: case Method::Rep4: case Method::Rep5:
            return true;
        case Method::None: case Method::Kernel:
            return false;
    }
    return false;
}

constexpr std::string_view name(Method m) {
    switch (m) {
        case Method::None: return "NONE";
        case Method::Shrimp: return "SHRIMP";
        case Method::Flash: return "FLASH";
        case Method::Pal: return "PAL";
        case Method::Key: return "KEY";
        case Method::Ext: return "EXT";
        case Method::Rep3: return "REP3";
        case Method::Rep4: return "REP4";
        case Method::Rep5: return "REP5";
        case Method::Kernel: return "KERNEL";
    }
    return "?";
}

}  // namespace udma

#!/usr/bin/env python3
"""Count the window accesses of functions in a compiler's assembly output (GNU as syntax,
x86-64 AT&T or AArch64).

A "window access" is an instruction with a memory operand that is not stack-relative (%rsp / sp)
or PC-relative (%rip), and is not lea / nop / prefetch (which do not access memory). The functions
of sw/asmcheck/fastpath.cpp take every argument in registers (except stack-passed ones) and keep
their data in registers, so every such operand is a volatile access to the engine window.
Each check: NAME:ACCESSES[:LOADS:STORES[:FENCES]]; the function body runs from its label to its
.size directive (the whole function, including every branch).
"""
import argparse
import re
import sys

X86_FENCES = {"mfence", "sfence", "lfence"}
NO_ACCESS = ("lea", "nop", "prefetch", "endbr")


def function_body(lines, name):
    start = None
    for i, line in enumerate(lines):
        if line.strip() == f"{name}:":
            start = i + 1
            break
    if start is None:
        raise SystemExit(f"function {name} not found in the assembly")
    body = []
    for line in lines[start:]:
        s = line.strip()
        if s.startswith(".size") and name in s:
            break
        body.append(s)
    return body


def instructions(body):
    for s in body:
        s = s.split("#", 1)[0].split("//", 1)[0].strip()
        if not s or s.endswith(":") or s.startswith("."):
            continue
        yield s


def split(ins):
    parts = re.split(r"\s+", ins, maxsplit=1)
    return parts[0], (parts[1].strip() if len(parts) > 1 else "")


def classify_x86(ins):
    """Return 'load', 'store', 'fence' or None."""
    mnemonic, operands = split(ins)
    if mnemonic in X86_FENCES:
        return "fence"
    if mnemonic.startswith(NO_ACCESS):
        return None
    if "(" not in operands:
        return None
    # split operands at top-level commas
    parts, depth, cur = [], 0, ""
    for ch in operands:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    parts.append(cur.strip())
    mem = [i for i, p in enumerate(parts) if "(" in p]
    if not mem:
        return None
    p = parts[mem[0]]
    if "%rsp" in p or "%esp" in p or "%rip" in p:
        return None
    # AT&T: destination last. cmp/test only read.
    if mnemonic.startswith(("cmp", "test")):
        return "load"
    return "store" if mem[0] == len(parts) - 1 and len(parts) > 1 else "load"


def classify_a64(ins):
    mnemonic, operands = split(ins)
    if mnemonic in ("dmb", "dsb"):
        return "fence"
    if "[" not in operands or "[sp" in operands:
        return None
    if mnemonic.startswith("ld"):
        return "load"
    if mnemonic.startswith("st"):
        return "store"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--asm", required=True)
    ap.add_argument("checks", nargs="+", help="NAME:ACCESSES[:LOADS:STORES[:FENCES]]")
    args = ap.parse_args()
    lines = open(args.asm).read().splitlines()
    aarch64 = any(re.match(r"\s*\.arch\s+armv8", l) for l in lines)
    classify = classify_a64 if aarch64 else classify_x86
    failed = False
    for check in args.checks:
        fields = check.split(":")
        name = fields[0]
        expect = [int(f) for f in fields[1:]]
        counted = {"load": [], "store": [], "fence": []}
        in_order = []
        for ins in instructions(function_body(lines, name)):
            kind = classify(ins)
            if kind:
                counted[kind].append(ins)
                in_order.append((kind, ins))
        got = [len(counted["load"]) + len(counted["store"]), len(counted["load"]), len(counted["store"]),
               len(counted["fence"])]
        ok = got[: len(expect)] == expect
        failed |= not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {got[0]} window accesses ({got[1]} loads, {got[2]} stores), "
              f"{got[3]} fence instructions; expected {':'.join(map(str, expect))}")
        for kind, ins in in_order:
            print(f"       {kind:5} {ins}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

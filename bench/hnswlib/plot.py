"""Recall@10 vs QPS for Citadel and hnswlib-node, from docs/benchmarks/hnsw-results.json.

Run by the ann benchmark with Debian's /usr/bin/python3 and python3-matplotlib (apt), no PyPI.
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

results = json.load(open(sys.argv[1]))
fig, axes = plt.subplots(1, len(results), figsize=(6.5 * len(results), 5), squeeze=False)
for ax, r in zip(axes[0], results):
    for engine, colour in (("Citadel", "tab:blue"), ("Hnswlib", "tab:orange")):
        e = r[engine]
        for curve, style, label in (("Single", "-o", "1 thread"), ("Multi", "--s", f"{r['Threads']} threads")):
            pts = sorted(e[curve], key=lambda p: p["Ef"])
            ax.plot([p["Recall"] for p in pts], [p["Qps"] for p in pts], style, color=colour, markersize=3, label=f"{e['Engine']}, {label}")
    ax.set_yscale("log")
    ax.set_xlabel("recall@10")
    ax.set_ylabel("queries per second (log)")
    ax.set_title(f"{r['Count']:,} x {r['Dimension']}-d, M {r['M']}, ef_construction {r['EfConstruct']}")
    ax.set_xlim(left=max(0.8, min(p["Recall"] for p in r["Citadel"]["Single"]) - 0.01), right=1.001)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=110)

"""The demo township (三官庙街道, seed 003) and its generated cases, for trying the console and for benchmarks."""

from console.demo.generator import DemoSummary, GenStats, build_demo, generate_cases

__all__ = ["DemoSummary", "GenStats", "build_demo", "generate_cases"]

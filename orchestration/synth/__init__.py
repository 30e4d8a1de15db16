"""Synthetic 项目支出绩效自评表 corpora with exact ground truth (issue "Scale").

    from orchestration.synth import generate_corpus, render_form_text
    summary = generate_corpus(Path("corpus"), forms=100_000, seed=1, error_rate=0.05)

See generator.py for the output layout, injections.py for the injected contradictions.
"""

from .generator import GROUND_TRUTH, CorpusSummary, generate_corpus
from .injections import ERROR_RULE_IDS
from .render_text import render_file_text, render_form_text

__all__ = ["ERROR_RULE_IDS", "GROUND_TRUTH", "CorpusSummary", "generate_corpus", "render_file_text",
           "render_form_text"]

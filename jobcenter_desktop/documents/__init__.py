"""Printed documents: immutable view-models built by the core, laid out by ReportLab.

Each document module has a ``build_*`` function that turns plain values into a
frozen view-model whose strings are already translated and formatted, and a
``render_*`` function that only lays that view-model out on A4 paper. ReportLab
is imported only inside this package.
"""

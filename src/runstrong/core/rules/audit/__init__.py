"""The plan audit behind ``runstrong check``: one module per family of findings
(week structure, season shape, strength, consistency, plan quality, beginners), all
judged with the predicates of ``rules.catalogue``. Never imports ``planning`` or
``coaching``.
"""

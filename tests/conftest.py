"""Shared test set-up: hypothesis profiles.

``ci`` (used by .ci/run) keeps the property suite within a few minutes; ``dev`` is the default;
``thorough`` is for long local runs: ``HYPOTHESIS_PROFILE=thorough pytest tests/property``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=150, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=300, deadline=None)
settings.register_profile("thorough", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

"""What a process does once when it loads the model and data (pipeline.load_services)."""

from __future__ import annotations

import subprocess
import sys

LOAD_TWICE = """
import gc
from overtures.pipeline import load_services

load_services(full_parse=True)
frozen = gc.get_freeze_count()
load_services()
print(gc.isenabled(), frozen, gc.get_freeze_count() - frozen)
"""


def test_the_loaded_services_are_frozen_once_and_the_collector_stays_on() -> None:
    """The model and data are moved out of the cyclic collector's reach by the first load only, and the
    collector, paused while they load, runs again after."""
    found = subprocess.run([sys.executable, "-c", LOAD_TWICE], capture_output=True, text=True, check=True)
    enabled, frozen, frozen_again = found.stdout.split()
    assert enabled == "True"
    assert int(frozen) > 100_000  # spaCy's pipeline alone is far more objects than that
    assert frozen_again == "0"

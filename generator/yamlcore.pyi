# The compiled clean path of the strict YAML loader (native/yamlcore.c), built when it can be.
from typing import Any

LIBYAML_VERSION: str

def load(text: str, limits: tuple[int, int, int, int, int], /) -> tuple[dict[str, Any], bytes] | None: ...

"""The plugin's options in mkdocs.yml, each with its type, default and meaning.

```yaml
plugins:
  - handbook:
      procedures: procedures   # the folder with handbook.yaml and the section folders
```

Whether warnings fail a build is MkDocs' own ``strict`` setting (or ``mkdocs build --strict``), which
``handbook validate`` and ``handbook build`` follow too: one verdict for every tool.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class HandbookConfig(base.Config):
    procedures = c.Type(str, default="procedures")
    """The procedures folder, relative to mkdocs.yml: it holds handbook.yaml and one folder per section.
    Every ``handbook`` command run beside mkdocs.yml reads this folder unless its ``--procedures``
    option names another one."""

"""办公室命令 · the office's record-writing commands (``xuehui office …``).

Each command is one builder module here: it reads the tree, validates its input and returns a ``Draft``
(the files to write, a Chinese subject and the body lines of the commit message). ``edit`` is the one
engine: the round-trip edit of a YAML record that keeps comments and layout (ruamel.yaml), the check of
the tree as it would be (``generator.checker``, the same as ``xuehui check``), the refusal when the change
brings new errors, the unified diff, the commit message and the atomic write. ``ruamel.yaml`` is the extra
``xuehui[office]``; only this package imports it, and only ``xuehui office`` imports this package.
"""

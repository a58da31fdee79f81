"""The commands of ``xuehui``: one module per subcommand, each with ``run(args) -> int`` (the parsed
arguments to an exit code). ``generator.cli`` builds the parsers, imports a command's module only when that
command runs, and turns ``errors.UsageError``/``errors.ActionFailed`` into exit codes; what several commands
share is in ``common`` (the repository, ``--now``, the trees a command reads, the forge's arguments) and
``output`` (writing a report to the terminal, a file or a device). Nothing outside this package and ``cli``
imports from it."""

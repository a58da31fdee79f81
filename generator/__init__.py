"""学会能力提升专项：申报数据检查与公示网站生成。

The Society Capability Enhancement Programme of the Wuhan Association for Science and Technology,
run from a Git repository: strict YAML loading, schemas, the programme's rules, reports and the site.
"""

__version__ = "0.1.0"

"""sasaeai: the working tool of the community life-support programme (生活支援体制整備事業)."""

__version__ = "0.1.0"

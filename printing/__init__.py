"""Badge printing for Doorline: templates, PDF and ESC/POS renderers, printers and the print queue.

Qt-free on purpose: the kiosk UI wraps `PrintQueue` (a plain worker thread) and shows its job
states and printer health; the CLI and the benchmarks use the same code without a display.
"""

"""Turning what a camera or a USB hand scanner sees into ticket codes, once per showing.

Qt-free on purpose: the UI wraps `pipeline.ScanPipeline` and `wedge.WedgeDetector`; the CLI
(`scan-video`), the tests and the benchmarks use them directly. See docs/scanning.md.

    decoder / zxing_decoder / pyzbar_decoder   code readers behind one interface
    frame_sources                              camera, video file, image folder, real-time playback
    frame_slot, capture                        newest-frame hand-over; capture thread with reconnect
    dedupe                                     one showing = one scan
    pipeline, frame_timing                     source → decoder → dedupe → on_code, with timings
    wedge                                      keyboard-wedge scanner detection
    errors                                     what a steward is told
"""

"""Why the camera or code reader cannot work, in the window's language.

The scanning package says it in English (its exceptions' messages, for logs and the command
line); a window says the same by the kind of problem. Anything unexpected is shown as the
package said it, so no problem is ever hidden.
"""

from __future__ import annotations

from kiosk.scanning.errors import (
    CameraDisconnected,
    CameraUnavailable,
    DecoderUnavailable,
    SourceUnavailable,
    UnsupportedFormat,
)
from kiosk.ui.languages import translate


def camera_problem_words(error: BaseException) -> str:
    if isinstance(error, CameraUnavailable):
        camera = translate("CameraWords", "camera {0}").format(
            "?" if error.index is None else error.index
        )
        return translate(
            "CameraWords",
            "No camera found ({0}). Check that the webcam is plugged in, or choose another"
            " camera in Settings.",
        ).format(camera)
    if isinstance(error, CameraDisconnected):
        return translate(
            "CameraWords", "The camera stopped sending pictures. Check its cable, or restart it."
        )
    if isinstance(error, SourceUnavailable):
        return translate("CameraWords", "The picture source cannot be opened: {0}").format(error)
    if isinstance(error, DecoderUnavailable):
        return translate(
            "CameraWords", "The code reader cannot start: {0} Choose another one in Settings."
        ).format(error)
    if isinstance(error, UnsupportedFormat):
        return translate(
            "CameraWords", "The code reader cannot read every code format in use: {0}"
        ).format(error)
    return str(error)

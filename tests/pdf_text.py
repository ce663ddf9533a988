"""The text drawn in a PDF made by fpdf2 (its content streams, inflated), for assertions."""

import re
import zlib


def pdf_text(content: bytes) -> str:
    texts = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            data = zlib.decompress(stream)
        except zlib.error:
            data = stream
        texts.extend(match.decode("latin-1") for match in re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", data))
    return "\n".join(text.replace("\\(", "(").replace("\\)", ")").replace("\\\\", "\\") for text in texts)

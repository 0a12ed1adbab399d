"""Colour-blind-safe colours that also print apart in greyscale.

Colours are from the Okabe-Ito palette.  Colour is never the only signal: every
root also has a fill pattern and a text label, and :data:`ROOT_STYLE` pairs the
three so every figure uses the same ones.
"""

from __future__ import annotations

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}

INK = "#1f2933"  # text and outlines
MUTED = "#8a96a3"  # structures in the background
BONE = "#e9e4d8"  # vertebrae (light, so highlighted roots stand out in grey too)
DISC = "#c9d6df"

#: Per root: colour, plotly fill-pattern shape, and dash style for lines.
#: Luminance of L4 (light), L5 (dark) and S1 (middle) differs in greyscale too.
ROOT_STYLE: dict[str, dict[str, str]] = {
    "L3": {"color": OKABE_ITO["sky_blue"], "pattern": "-", "dash": "dot"},
    "L4": {"color": OKABE_ITO["orange"], "pattern": "/", "dash": "solid"},
    "L5": {"color": OKABE_ITO["blue"], "pattern": ".", "dash": "dash"},
    "S1": {"color": OKABE_ITO["reddish_purple"], "pattern": "x", "dash": "dashdot"},
    "S2": {"color": OKABE_ITO["bluish_green"], "pattern": "|", "dash": "longdash"},
}


def relative_luminance(hex_colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour (0 = black, 1 = white)."""
    hex_colour = hex_colour.lstrip("#")
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    r, g, b = linear
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def plotly_template() -> dict:
    """A small, plain plotly template (plotly's default one weighs ~10 KB per figure)."""
    return {
        "layout": {
            "font": {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 14, "color": INK},
            "colorway": [OKABE_ITO[k] for k in ("blue", "orange", "bluish_green", "vermillion",
                                                 "reddish_purple", "sky_blue", "yellow", "black")],
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "hoverlabel": {"font": {"size": 14}},
            "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        }
    }

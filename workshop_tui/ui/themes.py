"""The app's three themes: the default (dark), the projector (white on black) and light (for bright rooms).

Every colour the app shows comes from the theme: workshop.tcss and the widgets' DEFAULT_CSS name theme
variables only. Each text colour is at least 7:1 against each background it is drawn on (WCAG AAA), in
every theme, and no text is dimmed (tests/ui/test_theme_contrast.py). A state is told in words or shapes
as well ("2:13 over", "Paused", "Not saved"), so nothing is lost in a monochrome room or under NO_COLOR.
"""

from textual.theme import Theme

from workshop_tui.store.settings import THEME_NAMES

# The colours the app's own stylesheet names beyond Textual's, with the default theme's values.
# A theme sets its own in `variables`.
APP_VARIABLES = {
    "overrun": "#FFB340",  # a step running over: a lighter Okabe-Ito orange, 7:1 on the panels too
    "alarm-foreground": "#000000",  # "Not saved": black on orange
    "alarm-background": "#FFB340",
    "projector-foreground": "#FFFFFF",
    "projector-background": "#000000",
}


def _scroll_bars(bar: str, hover: str, active: str) -> dict[str, str]:
    """Scroll bars that can be seen (3:1 against their track, as WCAG asks of shapes), not Textual's faint ones."""
    return {"scrollbar": bar, "scrollbar-hover": hover, "scrollbar-active": active}


def _solid_text(foreground: str, muted: str, cursor: str, cursor_text: str, blurred_cursor: str) -> dict[str, str]:
    """Textual's own variables that would otherwise be see-through (dimmer) text or a mid-tone cursor."""
    return {
        "text": foreground,
        "text-muted": muted,
        "text-disabled": muted,
        "foreground-muted": muted,
        "foreground-disabled": muted,
        "block-cursor-background": cursor,
        "block-cursor-foreground": cursor_text,
        "block-cursor-blurred-background": blurred_cursor,
        "block-cursor-blurred-foreground": foreground,
        "input-cursor-background": foreground,
        "input-selection-background": cursor,
        "input-selection-foreground": cursor_text,
        "screen-selection-background": cursor,
        "screen-selection-foreground": cursor_text,
        "button-color-foreground": foreground,
        "footer-description-foreground": foreground,
        "link-color": foreground,
        "link-color-hover": foreground,
    }


DEFAULT = Theme(
    name="default",
    # Today's look (Textual's dark theme), with the blues darkened where text sits on them.
    primary="#0B5394",
    secondary="#004578",
    accent="#FFA62B",
    warning="#FFA62B",
    error="#FF9E9E",
    success="#6BD18B",
    foreground="#E0E0E0",
    background="#121212",
    surface="#1E1E1E",
    panel="#1F2328",
    dark=True,
    variables={
        **APP_VARIABLES,
        **_solid_text("#E0E0E0", "#C4C4C4", cursor="#0B5394", cursor_text="#FFFFFF", blurred_cursor="#152C42"),
        **_scroll_bars("#5B7A99", "#7A9AB8", "#8CC8FF"),
        "button-color-foreground": "#FFFFFF",  # on the primary blue
        "text-primary": "#8CC8FF",
        "text-accent": "#FFA62B",
        "text-warning": "#FFA62B",
        "text-error": "#FF9E9E",
        "text-success": "#6BD18B",
        "footer-key-foreground": "#FFA62B",
        "markdown-h1-color": "#8CC8FF",
        "markdown-h2-color": "#8CC8FF",
        "markdown-h3-color": "#8CC8FF",
    },
)

PROJECTOR = Theme(
    name="projector",
    # White on black, as far from grey as a screen goes; orange (9.3:1) for a step running over.
    primary="#FFFFFF",
    secondary="#FFFFFF",
    accent="#FFFFFF",
    warning="#E69F00",
    error="#FF9C9C",
    success="#FFFFFF",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#000000",
    dark=True,
    variables={
        **APP_VARIABLES,
        **_solid_text("#FFFFFF", "#FFFFFF", cursor="#FFFFFF", cursor_text="#000000", blurred_cursor="#202020"),
        **_scroll_bars("#A0A0A0", "#FFFFFF", "#FFFFFF"),
        "button-color-foreground": "#000000",  # on the primary white
        "text-primary": "#FFFFFF",
        "text-accent": "#FFFFFF",
        "text-warning": "#E69F00",
        "text-error": "#FF9C9C",
        "text-success": "#FFFFFF",
        "footer-key-foreground": "#FFFFFF",
        "footer-background": "#000000",
        "border-blurred": "#FFFFFF",
        "markdown-h1-color": "#FFFFFF",
        "markdown-h2-color": "#FFFFFF",
        "markdown-h3-color": "#FFFFFF",
    },
)

LIGHT = Theme(
    name="light",
    # Black on white for a bright hall: the greys are light, every ink is dark.
    primary="#00457A",
    secondary="#00457A",
    accent="#00457A",
    warning="#7A3300",
    error="#8B0000",
    success="#004D25",
    foreground="#000000",
    background="#FFFFFF",
    surface="#F2F2F2",
    panel="#EFEFEF",
    boost="#F2F2F2",
    dark=False,
    variables={
        **APP_VARIABLES,
        **_solid_text("#000000", "#333333", cursor="#00457A", cursor_text="#FFFFFF", blurred_cursor="#DDE8F2"),
        **_scroll_bars("#6B7F91", "#4D6275", "#00457A"),
        "overrun": "#7A3300",
        "alarm-foreground": "#FFFFFF",
        "alarm-background": "#8B0000",
        "projector-foreground": "#000000",
        "projector-background": "#FFFFFF",
        "button-color-foreground": "#FFFFFF",  # on the primary blue
        "text-primary": "#00457A",
        "text-accent": "#00457A",
        "text-warning": "#7A3300",
        "text-error": "#8B0000",
        "text-success": "#004D25",
        "footer-key-foreground": "#00457A",
        "markdown-h1-color": "#00457A",
        "markdown-h2-color": "#00457A",
        "markdown-h3-color": "#00457A",
    },
)

THEMES = {theme.name: theme for theme in (DEFAULT, PROJECTOR, LIGHT)}
assert tuple(THEMES) == THEME_NAMES, "store/settings.py names the themes the command line accepts"

# What each theme is for, as the command palette says it.
THEME_HELP = {
    "default": "Light text on dark grey: the usual look, for a laptop",
    "projector": "White on black, nothing grey: for a projector or a screen across the room",
    "light": "Black on white: for a bright room, or a projector that washes dark colours out",
}

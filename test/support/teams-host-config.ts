/**
 * A host config close to Teams' light theme, for rendering cards in a test
 * browser: Teams' font sizes, spacing and text colours (its red for
 * "attention"). An approximation — Teams' own renderer has the last word.
 */
const text = (color: string, subtle: string) => ({ default: color, subtle });

const foreground = {
  default: text('#242424', '#616161'),
  dark: text('#242424', '#616161'),
  light: text('#ffffff', '#f0f0f0'),
  accent: text('#5b5fc7', '#7579eb'),
  good: text('#0e700e', '#107c10'),
  warning: text('#835b00', '#946b00'),
  attention: text('#c4314b', '#d13438'),
};

export const TEAMS_LIGHT = {
  supportsInteractivity: true,
  fontFamily: "'Segoe UI', 'Helvetica Neue', 'DejaVu Sans', sans-serif",
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 200, default: 400, bolder: 600 },
  lineHeights: { small: 16, default: 20, medium: 20, large: 24, extraLarge: 32 },
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#e0e0e0' },
  imageSizes: { small: 32, medium: 52, large: 100 },
  containerStyles: {
    default: { backgroundColor: '#ffffff', foregroundColors: foreground },
    emphasis: { backgroundColor: '#f5f5f5', foregroundColors: foreground },
    accent: { backgroundColor: '#e8ebfa', foregroundColors: foreground },
    good: { backgroundColor: '#f1faf1', foregroundColors: foreground },
    attention: { backgroundColor: '#fdf3f4', foregroundColors: foreground },
    warning: { backgroundColor: '#fff9f5', foregroundColors: foreground },
  },
  actions: { maxActions: 6, spacing: 'default', buttonSpacing: 8, actionsOrientation: 'horizontal', actionAlignment: 'left', showCard: { actionMode: 'inline', inlineTopMargin: 16 } },
  factSet: {
    title: { color: 'default', size: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
    value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
    spacing: 16,
  },
  table: { cellSpacing: 8 },
};

/** Teams' width for a card in a chat, and for one with msteams.width "Full" in a 1:1 chat. */
export const CARD_WIDTH = { normal: 450, full: 700 };

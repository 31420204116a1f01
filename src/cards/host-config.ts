// How the web playground should draw our Adaptive Cards: a Teams-like host config and a little CSS.

const ink = { default: "#242424", subtle: "#616161" };
const colours = {
  default: ink,
  dark: { default: "#000000", subtle: "#66000000" },
  light: { default: "#FFFFFF", subtle: "#33000000" },
  accent: { default: "#4F52B2", subtle: "#6264A7" },
  good: { default: "#237B4B", subtle: "#2D7D4F" },
  warning: { default: "#835C00", subtle: "#8F6A00" },
  attention: { default: "#C4314B", subtle: "#A4262C" },
};
const style = (backgroundColor: string) => ({ backgroundColor, foregroundColors: colours });

/**
 * Host config for `new AdaptiveCards.HostConfig(hostConfig)`. Passing any host config replaces the library's
 * defaults wholesale, so this one sets the container colours our cards rely on (emphasis, good, warning…).
 */
export const hostConfig = {
  supportsInteractivity: true,
  fontFamily: "'Segoe UI', -apple-system, 'Helvetica Neue', Arial, sans-serif",
  fontSizes: { small: 12, default: 14, medium: 17, large: 21, extraLarge: 26 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  spacing: { small: 4, default: 8, medium: 16, large: 24, extraLarge: 32, padding: 16 },
  separator: { lineThickness: 1, lineColor: "#E0E0E0" },
  containerStyles: {
    default: style("#FFFFFF"),
    emphasis: style("#F5F5F5"),
    accent: style("#EEF0FB"),
    good: style("#E7F4EC"),
    attention: style("#FDE7E9"),
    warning: style("#FFF4CE"),
  },
  actions: {
    maxActions: 6,
    spacing: "default",
    buttonSpacing: 8,
    showCard: { actionMode: "inline", inlineTopMargin: 12 },
    actionsOrientation: "horizontal",
    actionAlignment: "left",
  },
  inputs: { label: { inputSpacing: "small", requiredInputs: { suffix: " *", suffixColor: "attention" } } },
} as const;

/**
 * CSS to add after `adaptivecards/dist/adaptivecards.css`: its Show-card chevron uses an icon font the page
 * does not have, and its buttons are small for a phone.
 */
export const hostCss = `
.ac-pushButton { padding: 6px 14px; border-radius: 4px; font-size: 14px; }
.ac-pushButton.expandable:after { font-family: inherit; font-weight: normal; content: " ▾"; }
.ac-pushButton.expandable.expanded:after { content: " ▴"; }
.ac-input-container input[type="checkbox"] { width: 16px; height: 16px; margin-top: 2px; }
`;

/**
 * Popups opened from the sticky header (user menu, message bell) are rendered inside the header, so they stay
 * attached to it however the page below scrolls or grows while they are open (a popup in <body> is placed in page
 * coordinates, and content loading in underneath can move the page under the pointer).
 */
export function headerPopupContainer(trigger: HTMLElement): HTMLElement {
  return trigger.closest<HTMLElement>('.app-header') ?? document.body;
}

/**
 * Runs in the test browser (test/cards-render.test.ts), after the Adaptive
 * Cards renderer: renderCard(card, hostConfig, width, find) draws the card in
 * #card and reports what a reader would notice — the text on screen, content
 * cut off at an element's edge, and the colour of given texts.
 */
/* global AdaptiveCards */
window.renderCard = (card, hostConfig, width, find) => {
  const host = document.getElementById('card');
  host.replaceChildren();
  host.style.width = `${width}px`;
  const adaptive = new AdaptiveCards.AdaptiveCard();
  adaptive.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
  const context = new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_5);
  adaptive.parse(card, context);
  const errors = [];
  for (let i = 0; i < context.eventCount; i++) errors.push(context.getEventAt(i).message);
  const element = adaptive.render();
  if (!element) return { text: '', clipped: [], colours: {}, errors: [...errors, 'inget renderades'] };
  host.appendChild(element);
  const clipped = [...host.querySelectorAll('*')]
    .filter((e) => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
    .map((e) => (e.innerText || e.tagName).trim().slice(0, 60));
  const colours = {};
  for (const text of find) {
    const holder = [...host.querySelectorAll('p, span, div')].find((e) => e.children.length === 0 && e.innerText.includes(text));
    colours[text] = holder ? getComputedStyle(holder).color : 'saknas';
  }
  return { text: host.innerText, clipped, colours, errors };
};

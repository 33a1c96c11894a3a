// Tadamon's web app: the storefront, order tracking and the cooperative portal. No framework and no
// build step: a few kilobytes that work on a weak rural connection and a 360 px phone.
'use strict';

const TEXT = window.TADAMON_TEXT;
const LOCALES = { ar: 'ar-MA', fr: 'fr-MA', en: 'en-GB' };
const FINAL = ['COMPLETED', 'CANCELLED', 'REJECTED'];
// A page's address says its language (/ar/…, /fr/…, /en/…): a shared link opens in the language it
// was shared in. Elsewhere, the language the person chose last.
const PAGE_LANGUAGE = (/^\/(ar|fr|en)\//.exec(location.pathname) || [])[1];
let lang = PAGE_LANGUAGE || localStorage.getItem('tadamon.lang') || 'fr';
// The server-rendered page this is (home, product, cooperative, region), if it is one.
const SERVER_PAGE = document.body.dataset.page;
let stopPolling = () => {};

const t = key => TEXT[lang][key];
const session = window.TADAMON_SESSION;
/** The signed-in person's Authorization header, read at each request, so renewed tokens are used. */
const bearer = { get Authorization() { return session.authorization().Authorization || ''; } };
const $ = (selector, root = document) => root.querySelector(selector);

/** An element with attributes and children; text is always set as text, never parsed as HTML. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value == null) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child != null) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/**
 * Dirhams as Moroccans write them, and as the SMS do (docs/glossary.md): "120 درهم", "120 DH",
 * "89,50 DH"; centimes only when there are some.
 */
const CURRENCY = { ar: 'درهم', fr: 'DH', en: 'MAD' };
// Morocco's decimal comma in Arabic and French, the point in English: the same as the SMS.
const DECIMAL_SEPARATOR = { ar: ',', fr: ',', en: '.' };
function price(centimes) {
  // Integer arithmetic, as on the server: centimes are never divided into a floating-point number.
  const sign = centimes < 0 ? '-' : '';
  const amount = Math.abs(centimes);
  const cents = amount % 100;
  const number = sign + String((amount - cents) / 100)
    + (cents === 0 ? '' : DECIMAL_SEPARATOR[lang] + String(cents).padStart(2, '0'));
  return number + '\u00a0' + CURRENCY[lang];
}

/** Units as the page's language writes them: "250 ml" is "250 مل" on an Arabic page. */
const ARABIC_UNITS = { ml: 'مل', cl: 'سل', l: 'ل', g: 'غ', kg: 'كلغ', cm: 'سم', m: 'م', x: '×', pièce: 'قطعة', pièces: 'قطع', piece: 'قطعة', pieces: 'قطع' };
function unitText(unit) {
  if (lang !== 'ar' || !unit) return unit;
  return unit.replace(/\p{L}+/gu, word => ARABIC_UNITS[word.toLowerCase()] || word);
}

/** "45", "45.5", "45,50" dirhams as integer centimes, without floating point; null when it is not a price. */
function toCentimes(text) {
  const match = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(String(text));
  return match ? Number(match[1]) * 100 + Number((match[2] || '0').padEnd(2, '0')) : null;
}

/** Centimes as "89.50", by string arithmetic on the integer: what a price field shows for editing. */
function dirhams(centimes) {
  const digits = String(centimes).padStart(3, '0');
  return digits.slice(0, -2) + '.' + digits.slice(-2);
}

function localized(texts) {
  return texts ? texts[lang] || texts.fr || Object.values(texts)[0] || '' : '';
}

// --- talking to the APIs: a problem+json answer becomes a message in the user's language ------------

class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.title || String(status));
    this.status = status;
    this.problem = problem || {};
  }
}

async function api(path, { method = 'GET', body, headers = {}, cache = 'default' } = {}) {
  const response = await fetch(path, {
    method,
    cache,
    // The services answer a person (a refusal, a limit reached) in the language chosen here.
    headers: { 'Accept-Language': lang, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

/**
 * Like api(), for a write a busy connection may have to earn: when the answer is a challenge (many
 * shoppers behind one address, a fair's Wi-Fi), the browser does the proof of work and sends the
 * same request again with it. The person reads, meanwhile, what the server said it is doing.
 */
async function apiProvingWork(path, options, onChecking) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await api(path, options);
    } catch (error) {
      const challenge = error instanceof ApiError && error.status === 429 && error.problem.challenge;
      if (!challenge || attempt === 2) throw error;
      onChecking(error.problem.detail);
      const proof = await solveChallenge(challenge);
      options = { ...options, headers: { ...options.headers, Altcha: proof } };
    }
  }
}

/**
 * ALTCHA's proof of work: the number whose hash, after the salt, is the challenge. Hashes are asked
 * for a thousand at a time, so that the page stays responsive and the browser's crypto runs at its
 * pace; the answer is what ALTCHA's own widget would send.
 */
async function solveChallenge({ algorithm, challenge, maxnumber, salt, signature }) {
  const started = Date.now();
  const encoder = new TextEncoder();
  const wanted = Uint8Array.from(challenge.match(/../g), pair => parseInt(pair, 16));
  const solves = digest => new Uint8Array(digest).every((byte, i) => byte === wanted[i]);
  for (let first = 0; first <= maxnumber; first += 1000) {
    const numbers = [];
    for (let number = first; number <= Math.min(maxnumber, first + 999); number++) numbers.push(number);
    const digests = await Promise.all(numbers.map(number => crypto.subtle.digest(algorithm, encoder.encode(salt + number))));
    const found = digests.findIndex(solves);
    if (found >= 0) {
      const answer = { algorithm, challenge, number: numbers[found], salt, signature, took: Date.now() - started };
      return btoa(JSON.stringify(answer));
    }
  }
  throw new Error('no number solves this challenge');
}

function errorMessage(error) {
  if (!(error instanceof ApiError)) return t('error');
  if (error.status === 404) return t('notFound');
  // The server's own words are English; a passing outage or a defect is told in the reader's language.
  if (error.status === 503) return t('unavailable');
  // A limit reached is told by the server in the reader's language, with when to try again.
  if (error.status === 429) return error.problem.detail || t('error');
  // Refusals a shopper must understand, in the page's language rather than the server's English.
  const kind = (error.problem.type || '').split('/').pop();
  if (kind === 'cash-on-delivery-unavailable') return t('codUnavailable');
  if (kind === 'stand-sale-stock-short') return t('standSaleStockShort').replace('{available}', error.problem.available);
  if (error.status >= 500) return t('error');
  const fields = error.problem.errors || error.problem.invalidParams;
  if (Array.isArray(fields) && fields.length) {
    return t('invalid') + ' ' + fields.map(f => (t(f.field?.split('.').pop()) || f.field) + ' — ' + (f.message || f.reason)).join('; ');
  }
  return error.problem.detail || error.problem.title || t('error');
}

// --- the cart, kept in the browser -----------------------------------------------------------------

const cart = {
  lines() { return JSON.parse(localStorage.getItem('tadamon.cart') || '[]'); },
  save(lines) { localStorage.setItem('tadamon.cart', JSON.stringify(lines)); renderHeader(); },
  add(product, quantity) {
    const lines = cart.lines();
    const line = lines.find(l => l.productId === product.id);
    if (line) line.quantity += quantity;
    else lines.push({ productId: product.id, quantity, name: product.name, priceCentimes: product.priceCentimes,
      unit: product.unit, cooperativeId: product.cooperativeId, cooperativeName: product.cooperativeName });
    cart.save(lines);
  },
  count() { return cart.lines().reduce((sum, l) => sum + l.quantity, 0); },
};

const orderTokens = {
  get(id) { return JSON.parse(localStorage.getItem('tadamon.orders') || '{}')[id]; },
  put(id, token) {
    const all = JSON.parse(localStorage.getItem('tadamon.orders') || '{}');
    all[id] = token;
    localStorage.setItem('tadamon.orders', JSON.stringify(all));
  },
};

// --- the shell -------------------------------------------------------------------------------------

function renderHeader() {
  $('#nav-shop').textContent = t('shop');
  $('#nav-cart').textContent = t('cart') + ' (' + cart.count() + ')';
  $('#nav-portal').textContent = t('portal');
  $('#nav-operator').textContent = t('operator');
  $('#nav-account').textContent = t('myAccount');
}

/**
 * A person's choice of language, remembered in the browser and, for the server that answers "/", in a
 * cookie (docs/pages.md).
 */
function rememberLanguage(next) {
  localStorage.setItem('tadamon.lang', next);
  document.cookie = 'tadamon_lang=' + next + '; path=/; max-age=31536000; SameSite=Lax';
}

/** True when the address asks for one of the app's own views (#/cart, #/portal…), not the page. */
function appView() {
  return location.hash.length > 2;
}

/**
 * The language links: a product, cooperative or region page is another page in another language (the
 * link goes there); the shop and the app's views change language in place, the address following.
 */
function chooseLanguage(event) {
  const next = event.currentTarget.dataset.lang;
  rememberLanguage(next);
  if (SERVER_PAGE && SERVER_PAGE !== 'home' && !appView()) return;
  event.preventDefault();
  if (PAGE_LANGUAGE) history.replaceState(null, '', '/' + next + '/' + location.search + location.hash);
  setLanguage(next);
}

function setLanguage(next) {
  lang = next;
  localStorage.setItem('tadamon.lang', lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  document.querySelectorAll('[data-lang]').forEach(link => link.toggleAttribute('aria-current', link.dataset.lang === lang));
  renderHeader();
  route();
}

function show(...children) {
  stopPolling();
  stopPolling = () => {};
  const main = $('#main');
  main.replaceChildren(...children.filter(Boolean));
  const heading = main.querySelector('h1');
  if (heading) { heading.tabIndex = -1; heading.focus({ preventScroll: true }); }
}

function status(message) {
  return el('p', { class: 'status', role: 'status' }, message || '');
}

async function route() {
  // The gateway sends the shopper back to /?order=…&payment=…: on to the order's page.
  const params = new URLSearchParams(location.search);
  if (params.get('order')) {
    history.replaceState(null, '', location.pathname + '#/order/' + params.get('order') + (params.get('payment') === 'declined' ? '?declined' : ''));
  }
  const [path, query] = location.hash.slice(1).split('?');
  const parts = (path || '/').split('/').filter(Boolean);
  if (SERVER_PAGE && SERVER_PAGE !== 'home' && !appView()) {
    enhancePage();
    return;
  }
  try {
    if (parts[0] === 'product') await productView(parts[1]);
    else if (parts[0] === 'cart') cartView();
    else if (parts[0] === 'order') await orderView(parts[1], openedOrder(parts[1], query) === 'declined');
    else if (parts[0] === 'portal') await portalView();
    else if (parts[0] === 'operator') await operatorView();
    else if (parts[0] === 'account') await accountView();
    else if (parts[0] === 'welcome') await welcomeView(parts[1]);
    else await shopView();
  } catch (error) {
    show(el('h1', {}, t('error')), status(errorMessage(error)));
  }
}

// --- shop: search, filters, facets ---------------------------------------------------------------------

async function shopView() {
  const filters = JSON.parse(sessionStorage.getItem('tadamon.filters') || '{}');
  const list = el('ul', { class: 'grid', id: 'products' });
  const more = el('button', { type: 'button', id: 'more', hidden: true }, t('more'));
  const message = status(t('loading'));
  const form = el('form', { class: 'filters', role: 'search', onsubmit: event => { event.preventDefault(); search(true); } },
    el('label', {}, t('search'), el('input', { name: 'q', type: 'search', value: filters.q || '', placeholder: t('searchPlaceholder') })),
    el('label', {}, t('region'), el('select', { name: 'region' }, el('option', { value: '' }, t('any')))),
    el('label', {}, t('category'), el('select', { name: 'category' }, el('option', { value: '' }, t('any')))),
    el('label', { class: 'check' }, el('input', { name: 'womenLed', type: 'checkbox', checked: filters.womenLed === 'true' }), t('womenLed')),
    el('label', {}, t('minPrice'), el('input', { name: 'minPrice', type: 'number', min: '0', inputmode: 'numeric', value: filters.minPrice || '' })),
    el('label', {}, t('maxPrice'), el('input', { name: 'maxPrice', type: 'number', min: '0', inputmode: 'numeric', value: filters.maxPrice || '' })),
    el('button', { type: 'submit' }, t('search')));
  const featured = el('section', { class: 'featured', id: 'featured' });
  const regions = el('nav', { class: 'chips', id: 'regions', 'aria-label': t('regionsTitle') },
    Object.entries(t('regions')).map(([value, label]) => el('button', { type: 'button', class: 'chip', onclick: () => {
      form.elements.region.value = value;
      search(true);
    } }, label)));
  show(el('h1', {}, t('title')), featured, el('h2', {}, t('regionsTitle')), regions, el('h2', {}, t('allProducts')),
    form, message, list, more);
  let cursor = null;
  showFeatured(featured, cooperative => {
    form.elements.q.value = '';
    search(true, cooperative);
  });

  async function search(reset, cooperative) {
    const data = new FormData(form);
    const chosen = {};
    for (const [name, value] of data) if (value) chosen[name] = String(value);
    if (!data.get('womenLed')) delete chosen.womenLed; else chosen.womenLed = 'true';
    sessionStorage.setItem('tadamon.filters', JSON.stringify(chosen));
    const query = new URLSearchParams({ lang, limit: '24' });
    for (const [name, value] of Object.entries(chosen)) {
      query.set(name, name.endsWith('Price') ? String(toCentimes(value) ?? value) : value);
    }
    if (!reset && cursor) query.set('cursor', cursor);
    if (cooperative) query.set('cooperative', cooperative);
    message.textContent = t('loading');
    try {
      const page = await api('/api/catalog/products?' + query);
      if (reset) list.replaceChildren();
      page.items.forEach(product => list.append(productCard(product)));
      if (page.facets) fillFacets(form, page.facets, chosen);
      cursor = page.nextCursor;
      more.hidden = !cursor;
      message.textContent = list.children.length ? '' : t('none');
    } catch (error) {
      message.textContent = errorMessage(error);
    }
  }

  more.addEventListener('click', () => search(false));
  fillFacets(form, { region: Object.keys(t('regions')).map(value => ({ value })),
    category: Object.keys(t('categories')).map(value => ({ value })) }, filters);
  await search(true);
}

/** A few verified cooperatives, women-led first: their region, their members, their products a click away. */
async function showFeatured(section, showProductsOf) {
  try {
    const all = (await api('/api/catalog/cooperatives?lang=' + lang)).items;
    const chosen = [...all].sort((a, b) => Number(b.womenLed) - Number(a.womenLed)).slice(0, 4);
    section.replaceChildren(el('h2', {}, t('featured')), el('ul', { class: 'grid' }, chosen.map(coop => el('li', { class: 'card' },
      el('h3', {}, el('button', { type: 'button', class: 'link', onclick: () => showProductsOf(coop.id) }, localized(coop.name))),
      el('p', { class: 'coop' }, (t('regions')[coop.region] || coop.region) + ' · ' + coop.members + ' ' + t('members')),
      coop.womenLed ? el('span', { class: 'badge' }, t('womenLed')) : null,
      coop.verified ? el('span', { class: 'badge ok' }, '✓ ' + t('verified')) : null))));
  } catch (error) {
    section.replaceChildren();  // the products below still work without the showcase
  }
}

function fillFacets(form, facets, chosen) {
  for (const [name, labels] of [['region', t('regions')], ['category', t('categories')]]) {
    const select = form.elements[name];
    select.replaceChildren(el('option', { value: '' }, t('any')),
      ...(facets[name] || []).map(f => el('option', { value: f.value, selected: chosen[name] === f.value },
        (labels[f.value] || f.value) + (f.count != null ? ' (' + f.count + ')' : ''))));
  }
}

/**
 * A product's main photo at the width the screen needs (srcset: a phone downloads the 320 or 640
 * one, in WebP where the photo has it), with its real proportions so nothing moves when it arrives. Below the fold it loads only
 * when scrolled to; the page is usable before it arrives.
 */
function picture(product, size, { eager = false, photo = (product.photos || [])[0] } = {}) {
  if (!photo) {
    const url = (product.imageUrls || [])[0];
    return url ? el('img', { src: url, alt: localized(product.name), loading: 'lazy', decoding: 'async',
      width: size, height: size, class: 'picture' }) : null;
  }
  const smallest = photo.renditions[0];
  const sizes = '(max-width: ' + (size + 40) + 'px) 100vw, ' + size + 'px';
  const webp = photo.renditions.every(r => r.webpUrl)
    ? el('source', { type: 'image/webp', sizes, srcset: photo.renditions.map(r => r.webpUrl + ' ' + r.width + 'w').join(', ') })
    : null;
  return el('picture', {}, webp, el('img', { src: smallest.url, alt: localized(product.name), class: 'picture',
    srcset: photo.renditions.map(r => r.url + ' ' + r.width + 'w').join(', '), sizes,
    width: size, height: Math.round(size * photo.height / photo.width),
    loading: eager ? 'eager' : 'lazy', decoding: 'async' }));
}

function productCard(product) {
  return el('li', { class: 'card' }, picture(product, 240),
    el('h2', {}, el('a', { href: product.page || '#/product/' + product.id }, localized(product.name))),
    el('p', { class: 'coop' }, localized(product.cooperativeName)),
    el('p', {}, el('span', { class: 'price' }, price(product.priceCentimes)), ' · ', unitText(product.unit)),
    product.womenLed ? el('span', { class: 'badge' }, t('womenLed')) : null,
    product.available
      ? el('button', { type: 'button', class: 'add', onclick: event => { cart.add(product, 1); event.target.textContent = t('added'); } }, t('add'))
      : el('span', { class: 'badge muted' }, t('soldOut')));
}

// --- a product and its cooperative ------------------------------------------------------------------

async function productView(id) {
  const product = await api('/api/catalog/products/' + encodeURIComponent(id) + '?lang=' + lang);
  const coop = await api('/api/catalog/cooperatives/' + product.cooperativeId + '?lang=' + lang);
  const quantity = el('input', { type: 'number', min: '1', max: '50', value: '1', id: 'quantity', inputmode: 'numeric' });
  const added = status('');
  show(
    el('p', {}, el('a', { href: '#/' }, (document.documentElement.dir === 'rtl' ? '→ ' : '← ') + t('back'))),
    el('article', { class: 'product' },
      el('h1', {}, localized(product.name)), picture(product, 480, { eager: true }),
      (product.photos || []).length > 1
        ? el('p', { class: 'thumbnails' }, product.photos.slice(1).map(photo => picture(product, 96, { photo })))
        : null,
      el('p', { class: 'price big' }, price(product.priceCentimes), ' · ', unitText(product.unit)),
      el('p', {}, localized(product.description)),
      el('p', {}, (product.labels || []).map(label => el('span', { class: 'badge' }, label))),
      product.available
        ? el('p', {}, el('label', {}, t('quantity'), ' ', quantity), ' ',
          el('button', { type: 'button', id: 'add', onclick: () => {
            cart.add(product, Math.max(1, Math.min(50, Number(quantity.value) || 1)));
            added.textContent = t('added');
          } }, t('add')), added)
        : el('p', { class: 'badge muted' }, t('soldOut'))),
    el('section', { class: 'coop-story' },
      el('h2', {}, localized(coop.name), coop.verified ? el('span', { class: 'badge ok' }, '✓ ' + t('verified')) : null),
      el('p', {}, (t('regions')[coop.region] || coop.region) + ' · ' + localized(coop.city) + ' · ' + coop.members + ' ' + t('members')
        + ' · ' + t('founded') + ' ' + coop.foundedYear),
      coop.womenLed ? el('p', { class: 'badge' }, t('womenLed')) : null,
      el('h3', {}, t('story')), el('p', {}, localized(coop.story))));
}

// --- the server's pages, enhanced ------------------------------------------------------------------

/**
 * A product, cooperative or region page comes complete from the server (docs/pages.md); the script
 * adds what needs it: the cart, the stock as it is now, copying the link.
 */
async function enhancePage() {
  enhanceSharing();
  showFairFigures();
  const article = $('article.product[data-product-id]');
  if (!article) return;
  const form = $('form.add-to-cart', article);
  const stock = $('[data-stock]', article);
  let product;
  try {
    product = await api('/api/catalog/products/' + encodeURIComponent(article.dataset.productId) + '?lang=' + lang);
  } catch (error) {
    return;  // withdrawn meanwhile, or out of reach: the page as served stays readable
  }
  stock.textContent = product.available ? t('inStock') : t('soldOut');
  stock.className = 'stock badge ' + (product.available ? 'ok' : 'muted');
  $('.amount', article).textContent = price(product.priceCentimes);
  form.hidden = !product.available;
  const added = $('.status', form);
  form.onsubmit = event => {
    event.preventDefault();
    cart.add(product, Math.max(1, Math.min(50, Number(form.elements.quantity.value) || 1)));
    added.textContent = t('added');
  };
}

/** An ended fair's page: what it sold, online and at the stands, as order-service publishes it. */
async function showFairFigures() {
  const box = $('[data-figures]');
  if (!box) return;
  try {
    const figures = await api(box.dataset.figures);
    box.textContent = t('fairSold').replace('{amount}', price(figures.salesCentimes))
      .replace('{online}', price(figures.onlineSalesCentimes)).replace('{stand}', price(figures.standSalesCentimes));
    box.hidden = false;
  } catch (error) { /* the page as served stays readable */ }
}

function enhanceSharing() {
  const copy = $('button.copy-link');
  if (!copy || !navigator.clipboard) return;
  copy.hidden = false;
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(copy.dataset.url);
      copy.textContent = t('copied');
    } catch (error) {
      $('input.share-url').select();  // the browser refused: the address is selected to copy by hand
    }
  });
}

// --- campaign tags ---------------------------------------------------------------------------------

/**
 * A link from a fair's poster or a post carries ?src=…: remembered for 30 days, and the next order
 * says where it came from, so sales can be counted by campaign (docs/pages.md).
 */
function rememberCampaign() {
  const source = new URLSearchParams(location.search).get('src');
  if (source && /^[a-z0-9][a-z0-9-]{0,39}$/.test(source)) {
    localStorage.setItem('tadamon.src', JSON.stringify({ source, at: Date.now() }));
  }
}

function campaign() {
  const kept = JSON.parse(localStorage.getItem('tadamon.src') || 'null');
  return kept && Date.now() - kept.at < 30 * 24 * 3600 * 1000 ? kept.source : null;
}

// --- cart and checkout ------------------------------------------------------------------------------

function cartView() {
  const lines = cart.lines();
  if (!lines.length) {
    show(el('h1', {}, t('cart')), el('p', {}, t('emptyCart')), el('p', {}, el('a', { href: '#/' }, t('shop'))));
    return;
  }
  const subtotal = lines.reduce((sum, l) => sum + l.priceCentimes * l.quantity, 0);
  const message = status('');
  const field = (name, attributes = {}) => el('label', {}, t(name), el('input', { name, required: true, ...attributes }));
  const form = el('form', { class: 'checkout', onsubmit: event => { event.preventDefault(); placeOrder(form, message); } },
    el('fieldset', {}, el('legend', {}, t('contact')),
      field('name', { autocomplete: 'name' }),
      field('phone', { type: 'tel', autocomplete: 'tel', placeholder: '+2126…', pattern: '\\+[1-9][0-9]{7,14}', dir: 'ltr' }),
      field('email', { type: 'email', autocomplete: 'email', required: false })),
    el('fieldset', { id: 'delivery', hidden: true }),
    el('fieldset', { id: 'address' }, el('legend', {}, t('address')),
      field('line1', { autocomplete: 'street-address' }), field('city', { autocomplete: 'address-level2' }),
      field('postalCode', { autocomplete: 'postal-code', required: false, inputmode: 'numeric' }),
      el('label', {}, t('region'), el('select', { name: 'region', required: true },
        Object.entries(t('regions')).map(([value, label]) => el('option', { value }, label))))),
    el('fieldset', {}, el('legend', {}, t('payment')),
      el('label', { class: 'check' }, el('input', { type: 'radio', name: 'paymentMethod', value: 'CASH_ON_DELIVERY', checked: true }), t('cod')),
      el('label', { class: 'check' }, el('input', { type: 'radio', name: 'paymentMethod', value: 'CARD' }), t('card'))),
    termsBox(), consentBox(),
    el('button', { type: 'submit', id: 'place-order' }, t('placeOrder')), message);
  if (session.who()) offerSavedAddresses(form);
  offerPickUp(form, lines);
  show(el('h1', {}, t('cart')),
    el('ul', { class: 'lines' }, lines.map(line => el('li', {},
      el('span', {}, localized(line.name), ' — ', localized(line.cooperativeName)),
      el('input', { type: 'number', min: '1', max: '50', value: String(line.quantity), 'aria-label': t('quantity'),
        onchange: event => { line.quantity = Math.max(1, Math.min(50, Number(event.target.value) || 1)); cart.save(lines); cartView(); } }),
      el('span', { class: 'price' }, price(line.priceCentimes * line.quantity)),
      el('button', { type: 'button', onclick: () => { cart.save(lines.filter(l => l !== line)); cartView(); } }, t('remove'))))),
    el('p', {}, t('subtotal') + ': ', el('strong', { id: 'cart-subtotal' }, price(subtotal)), ' — ', t('shippingLater')),
    sellersOf(lines), el('h2', {}, t('checkout')), form);
}

/**
 * During a fair where every cooperative of the cart has a stand, the shopper may collect the order
 * there instead of having it delivered: no address, no shipping fee. The address's fields are then
 * disabled, so the form neither asks for them nor sends them.
 */
async function offerPickUp(form, lines) {
  let fairs;
  try {
    fairs = (await api('/api/catalog/fairs?lang=' + lang)).items;
  } catch (error) {
    return; // delivery still works
  }
  const sellers = [...new Set(lines.map(line => line.cooperativeId))];
  // Whether a fair is open today is the server's word: browsers' time-zone tables disagree on
  // Morocco's hour (Chromium 156 puts Casablanca at UTC+0 in December 2026, the IANA tables at +1).
  const fair = fairs.find(fair => fair.openToday
    && sellers.every(seller => fair.exhibitors.some(exhibitor => exhibitor.cooperativeId === seller)));
  if (!fair) return;
  const stands = sellers.map(seller => fair.exhibitors.find(exhibitor => exhibitor.cooperativeId === seller).stand).join(', ');
  const address = form.querySelector('#address');
  const choose = event => { address.disabled = event.target.value === 'pickup'; address.hidden = address.disabled; };
  const delivery = form.querySelector('#delivery');
  delivery.replaceChildren(el('legend', {}, t('delivery')),
    el('label', { class: 'check' }, el('input', { type: 'radio', name: 'delivery', value: 'home', checked: true, onchange: choose }), t('deliverHome')),
    el('label', { class: 'check' }, el('input', { type: 'radio', name: 'delivery', value: 'pickup', id: 'pick-up', 'data-fair': fair.slug, onchange: choose },
      t('pickUpAt').replace('{stands}', stands).replace('{fair}', localized(fair.name)))));
  delivery.hidden = false;
}

/**
 * Who sells each part of the order, as the law asks it shown before the order: the cooperative, its
 * identifiers, where goods go back, and the right of withdrawal.
 */
function sellersOf(lines) {
  const section = el('section', { id: 'sellers', class: 'seller' });
  const ids = [...new Set(lines.map(line => line.cooperativeId).filter(Boolean))];
  Promise.all(ids.map(id => api('/api/catalog/cooperatives/' + encodeURIComponent(id) + '?lang=' + lang).catch(() => null)))
    .then(found => {
      const sellers = found.filter(Boolean);
      if (!sellers.length) return;
      section.replaceChildren(el('h2', {}, t('soldBy')), el('ul', {}, sellers.map(coop => el('li', { 'data-cooperative': coop.id },
        el('strong', {}, localized(coop.name)), ' · ', t('sellerIds') + ' ', el('span', { dir: 'ltr' }, coop.seller.registrationNumber),
        coop.seller.ice ? el('span', {}, ' · ICE ', el('span', { dir: 'ltr' }, coop.seller.ice)) : '',
        coop.seller.taxId ? el('span', {}, ' · IF ', el('span', { dir: 'ltr' }, coop.seller.taxId)) : '',
        coop.seller.returnAddress ? el('span', {}, ' · ' + t('returnAddress') + ': ' + coop.seller.returnAddress) : ''))),
        el('p', {}, t('withdrawalTerms')));
    });
  return section;
}

/**
 * The terms of sale and the privacy notice, to read before ordering and to accept (required); the
 * order records the version accepted.
 */
function termsBox() {
  const input = el('input', { type: 'checkbox', name: 'termsVersion', required: true, id: 'accept-terms' });
  const box = el('label', { class: 'check', id: 'terms' }, input, t('acceptTerms'));
  api('/api/catalog/legal').then(legal => {
    input.value = legal.terms.version;
    box.replaceChildren(input, t('acceptTermsBefore'), ' ',
      el('a', { href: legal.terms.paths[lang], target: '_blank', rel: 'noopener' }, t('termsOfSale')), ' · ',
      el('a', { href: legal.privacy.paths[lang], target: '_blank', rel: 'noopener' }, t('privacyNotice')));
  }).catch(() => { /* the box stays, with its words; the order then records no version */ });
  return box;
}

/**
 * Tadamon's news, only if the shopper ticks the box (never ticked for them): the words come from
 * notification-service, which records them with the consent, by version.
 */
function consentBox() {
  const box = el('label', { class: 'check', id: 'marketing-consent' });
  api('/api/notifications/marketing/consent').then(consent => {
    box.replaceChildren(el('input', { type: 'checkbox', name: 'marketingConsent', value: consent.version }),
      consent.text[lang] || consent.text.fr);
  }).catch(() => { /* without the words, no box: nobody consents to what they did not read */ });
  return box;
}

/** A signed-in shopper's last address fills the form; the others are a choice away. */
async function offerSavedAddresses(form) {
  let saved;
  try {
    saved = (await api('/api/orders/mine', { headers: bearer })).addresses;
  } catch (error) {
    return; // typing the address still works
  }
  if (!saved.length) return;
  const fill = choice => {
    const { contact, shippingAddress } = saved[choice];
    for (const [name, value] of Object.entries({ ...contact, ...shippingAddress })) {
      if (form.elements[name] && value != null) form.elements[name].value = value;
    }
  };
  fill(0);
  if (saved.length > 1) {
    form.prepend(el('label', {}, t('savedAddresses'), el('select', { id: 'saved-address', onchange: event => fill(Number(event.target.value)) },
      saved.map((entry, index) => el('option', { value: String(index) },
        entry.contact.name + ' — ' + entry.shippingAddress.line1 + ', ' + entry.shippingAddress.city)))));
  }
}

async function placeOrder(form, message) {
  const data = Object.fromEntries(new FormData(form));
  // One key per checkout: a retried or double-clicked submit is the same order, never a second one.
  const key = sessionStorage.getItem('tadamon.checkoutKey') || crypto.randomUUID();
  sessionStorage.setItem('tadamon.checkoutKey', key);
  const button = $('#place-order');
  button.disabled = true;
  message.textContent = t('placing');
  try {
    const order = await apiProvingWork('/api/orders', { method: 'POST', headers: { 'Idempotency-Key': key, ...bearer }, body: {
      lines: cart.lines().map(l => ({ productId: l.productId, quantity: l.quantity })),
      contact: { name: data.name, phone: data.phone, email: data.email || null },
      ...(data.delivery === 'pickup' ? { pickupAt: $('#pick-up').dataset.fair }
        : { shippingAddress: { line1: data.line1, city: data.city, postalCode: data.postalCode || null, region: data.region } }),
      paymentMethod: data.paymentMethod, language: lang, ...(campaign() ? { source: campaign() } : {}),
      ...(data.marketingConsent ? { marketingConsent: data.marketingConsent } : {}),
      ...(data.termsVersion && data.termsVersion !== 'on' ? { termsVersion: data.termsVersion } : {}) } }, checking => { message.textContent = checking; });
    orderTokens.put(order.id, order.accessToken);
    // The card acquirer's page shows the payer's name and mails its receipt: kept for this tab only.
    if (data.paymentMethod === 'CARD') {
      sessionStorage.setItem('tadamon.payer.' + order.id, JSON.stringify({ name: data.name, email: data.email || null }));
    }
    sessionStorage.removeItem('tadamon.checkoutKey');
    cart.save([]);
    location.hash = '#/order/' + order.id;
  } catch (error) {
    message.textContent = errorMessage(error);
    button.disabled = false;
  }
}

// --- an order, followed with its token ---------------------------------------------------------------

/**
 * An order's page opened from its short link (/s/…) arrives with the tracking token in the address:
 * kept like one from the checkout, then taken out of the address, which a shopper may copy or share.
 * Returns what else the address asked ("declined").
 */
function openedOrder(id, query) {
  const params = new URLSearchParams(query || '');
  const token = params.get('token');
  if (!token) return query;
  orderTokens.put(id, token);
  params.delete('token');
  const rest = params.toString();
  history.replaceState(null, '', location.pathname + '#/order/' + id + (rest ? '?' + rest : ''));
  return rest;
}

async function orderView(id, declined) {
  const token = orderTokens.get(id);
  const access = token ? { 'X-Order-Token': token } : bearer;
  const order = await api('/api/orders/' + encodeURIComponent(id), { headers: access });
  const heading = el('h1', {}, t('order') + ' ' + order.code);
  const body = el('div', { id: 'order', 'data-status': order.status });
  // Made once: the polling below redraws the order, never what the shopper is typing.
  const codeForm = phoneCodeForm(id, order.phoneConfirmation.phoneEnding);
  // One form per part, made once for the same reason; after a withdrawal the page is drawn anew.
  const withdrawalForms = new Map();
  const redraw = async () => renderOrder(await api('/api/orders/' + id, { headers: access }));
  const withdrawalOf = part => {
    const right = part.withdrawal;
    const key = part.cooperativeId + '/' + (right.request ? right.request.status : right.open);
    if (!withdrawalForms.has(key)) {
      withdrawalForms.set(key, withdrawalSection(id, part, access, redraw));
    }
    return withdrawalForms.get(key);
  };
  const renderOrder = current => {
    body.setAttribute('data-status', current.status);
    body.replaceChildren(...[
      declined ? el('p', { class: 'badge muted' }, t('paymentReturnDeclined')) : null,
      el('p', {}, t('status') + ': ', el('strong', { id: 'order-status' }, t('statuses')[current.status] || current.status)),
      el('p', {}, t('total') + ': ', el('strong', { id: 'order-total' }, price(current.totalCentimes)), ' (' + t('shipping') + ' ', el('span', { id: 'order-shipping' }, price(current.shippingCentimes)), ')'),
      current.paymentMethod === 'CARD' && current.status === 'RESERVED'
        ? el('button', { type: 'button', id: 'pay', onclick: () => payByCard(current.id, token) }, t('payByCard')) : null,
      current.phoneConfirmation.status === 'AWAITING' && current.status === 'RESERVED' ? codeForm : null,
      current.pickup ? el('p', { id: 'pick-up-where' }, t('collectWithCode').replace('{fair}', localized(current.pickup.fairName))
        .replace('{stands}', current.cooperativeOrders.map(part => part.pickupStand).join(', ')).replace('{code}', current.code)) : null,
      el('ul', { class: 'parts' }, current.cooperativeOrders.map(part => el('li', { 'data-cooperative': part.cooperativeId },
        el('p', {}, el('strong', { class: 'part-status' }, t('statuses')[part.status] || part.status),
          part.trackingReference ? ' · ' + t('tracking') + ' ' + part.trackingReference : ''),
        el('ul', {}, (part.lines || []).map(line => el('li', {}, line.quantity + ' × ' + localized(line.name)))),
        part.withdrawal ? withdrawalOf(part) : null)))]
      .filter(Boolean));
  };
  renderOrder(order);
  const invoices = el('section', { id: 'invoices' });
  const message = el('p', { role: 'status' });
  show(heading, body, invoices, message);
  invoiceList(invoices, '/api/orders/' + encodeURIComponent(id) + '/invoices', access, message);
  if (!FINAL.includes(order.status)) {
    const timer = setInterval(async () => {
      try {
        renderOrder(await api('/api/orders/' + id, { headers: access }));
      } catch (error) { /* a missed poll is retried by the next */ }
    }, 2000);
    stopPolling = () => clearInterval(timer);
  }
}

/**
 * Everything Tadamon keeps about the signed-in shopper, in one file: her orders (order-service) and
 * the messages, phone confirmations and consents about them (notification-service), each service
 * answering for what it holds.
 */
async function exportMyData(message) {
  try {
    const [orders, messages] = await Promise.all([
      api('/api/orders/mine/export', { headers: bearer, cache: 'no-store' }),
      api('/api/notifications/mine/export', { headers: bearer, cache: 'no-store' })]);
    const { subject, exportedAt, ...notifications } = messages;
    const file = new Blob([JSON.stringify({ ...orders, notifications }, null, 2)], { type: 'application/json' });
    el('a', { href: URL.createObjectURL(file), download: 'tadamon-my-data.json' }).click();
  } catch (error) { message.textContent = errorMessage(error); }
}

/** A shopper's rights over its data (law 09-08): take it all away, have it erased. */
function myDataSection(message) {
  const erase = el('button', { type: 'button', id: 'erase-my-data', onclick: async () => {
    if (!confirm(t('eraseConfirm'))) return;
    try {
      const done = await api('/api/orders/mine/erasure', { method: 'POST', headers: bearer });
      message.textContent = t('erased').replace('{waiting}', done.waitingForTheirEnd);
    } catch (error) { message.textContent = errorMessage(error); }
  } }, t('eraseMyData'));
  return el('section', { id: 'my-data' }, el('h2', {}, t('myData')),
    el('p', {}, el('button', { type: 'button', id: 'export-my-data',
      onclick: () => exportMyData(message) }, t('exportMyData')), ' ', erase),
    el('p', {}, el('a', { href: '/' + lang + '/privacy', target: '_blank', rel: 'noopener' }, t('privacyNotice'))));
}

/** Invoices and credit notes, each a PDF to download (with the order's token or the bearer). */
async function invoiceList(section, path, headers, message) {
  try {
    const found = await api(path, { headers });
    if (!found.items.length) return;
    section.replaceChildren(el('h2', {}, t('invoices')), el('ul', {}, found.items.map(invoice => el('li', { 'data-invoice': invoice.number },
      el('button', { type: 'button', class: 'link', onclick: () => download(invoice.pdf, invoice.number + '.pdf', message, headers) },
        (invoice.kind === 'CREDIT_NOTE' ? t('creditNote') : t('invoice')) + ' ' + invoice.number),
      ' · ' + t('order') + ' ' + invoice.orderCode + ' · ' + price(invoice.totalCentimes)))));
  } catch (error) {
    // An order without invoices yet, or not this cooperative's: nothing to list.
  }
}

/** A day the law counts (yyyy-MM-dd, Moroccan), as the reader writes dates. */
function lawDay(day) {
  return new Date(day + 'T12:00:00Z').toLocaleDateString(LOCALES[lang], { numberingSystem: 'latn' });
}

/**
 * The shopper's right of withdrawal on a delivered part (law 31-08): until when, what it excludes, the
 * lines and quantities to send back; or, once asked, where the withdrawal and its refund stand.
 */
function withdrawalSection(orderId, part, access, redraw) {
  const right = part.withdrawal;
  const section = el('div', { class: 'withdrawal', 'data-withdrawal': right.request ? right.request.status : (right.open ? 'OPEN' : 'CLOSED') });
  if (right.request) {
    const asked = right.request;
    section.append(el('p', { class: 'withdrawal-state' }, t('retractState')
      .replace('{status}', t('retractStatuses')[asked.status] || asked.status)
      .replace('{amount}', price(asked.amountCentimes))
      .replace('{day}', lawDay(asked.refundDueBy.substring(0, 10)))),
      asked.refundOverdue ? el('p', { class: 'badge alert' }, t('retractOverdue')) : '');
    return section;
  }
  if (!right.open) {
    section.append(el('p', {}, t('retractClosed').replace('{day}', lawDay(right.lastDay))));
    return section;
  }
  const excluded = new Set(right.excludedProductIds || []);
  const inputs = [];
  const rows = (part.lines || []).map(line => {
    if (excluded.has(line.productId)) {
      return el('li', {}, localized(line.name) + ' — ' + t('retractExcluded'));
    }
    const input = el('input', { type: 'number', min: '0', max: String(line.quantity), value: String(line.quantity),
      name: line.productId, dir: 'ltr', 'aria-label': t('quantity') + ' — ' + localized(line.name) });
    inputs.push(input);
    return el('li', {}, el('label', {}, localized(line.name) + ' ', input, ' / ' + line.quantity));
  });
  const message = el('p', { role: 'status', class: 'withdrawal-message' });
  const button = el('button', { type: 'submit', class: 'withdraw-purchase' }, t('retractButton'));
  // One key per part and tab: a retried or double-clicked submit is the same withdrawal.
  const keyName = 'tadamon.withdrawalKey.' + orderId + '.' + part.cooperativeId;
  section.append(el('form', { onsubmit: async event => {
    event.preventDefault();
    const lines = inputs.map(input => ({ productId: input.name, quantity: Number(input.value) })).filter(l => l.quantity > 0);
    if (!lines.length) return;
    const key = sessionStorage.getItem(keyName) || crypto.randomUUID();
    sessionStorage.setItem(keyName, key);
    button.disabled = true;
    try {
      await api('/api/orders/' + encodeURIComponent(orderId) + '/withdrawals',
        { method: 'POST', headers: { ...access, 'Idempotency-Key': key }, body: { cooperativeId: part.cooperativeId, lines } });
      sessionStorage.removeItem(keyName);
      await redraw();
    } catch (error) {
      message.textContent = errorMessage(error);
      button.disabled = false;
    }
  } }, el('p', {}, t('retractUntil').replace('{day}', lawDay(right.lastDay))), el('ul', {}, rows), button, message));
  return section;
}

/**
 * The code of a cash-on-delivery order, typed as the SMS gave it. The order page's polling shows the
 * order moving on once it is accepted.
 */
function phoneCodeForm(orderId, ending) {
  const input = el('input', { id: 'phone-code', name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code',
    maxlength: '6', pattern: '[0-9]{6}', required: true, dir: 'ltr' });
  const message = el('p', { id: 'phone-code-message', role: 'status' });
  const button = el('button', { type: 'submit' }, t('confirmOrder'));
  return el('form', { id: 'phone-confirmation', class: 'phone-confirmation', onsubmit: async event => {
    event.preventDefault();
    button.disabled = true;
    try {
      await api('/api/notifications/phone-confirmations/' + encodeURIComponent(orderId),
        { method: 'POST', body: { code: input.value.trim() } });
      message.textContent = t('phoneConfirmed');
    } catch (error) {
      const kind = (error.problem.type || '').split('/').pop();
      message.textContent = kind === 'wrong-code' ? t('wrongCode').replace('{left}', error.problem.attemptsLeft)
        : kind === 'phone-confirmation-locked' ? t('phoneLocked')
        : kind === 'phone-confirmation-expired' ? t('phoneExpired')
        : errorMessage(error);
      button.disabled = false;
    }
  } },
  el('p', {}, t('phoneCodeAsk').replace('{ending}', ending)),
  el('label', { for: 'phone-code' }, t('phoneCode')), input, button, message);
}

/** To the gateway's hosted page with the signed form payment-service prepared. */
async function payByCard(orderId, token) {
  const payer = JSON.parse(sessionStorage.getItem('tadamon.payer.' + orderId) || 'null');
  const checkout = await api('/api/payments/' + orderId + '/checkout',
    { method: 'POST', headers: { 'X-Order-Token': token }, ...(payer ? { body: payer } : {}) });
  const form = el('form', { method: 'POST', action: checkout.redirect.url },
    Object.entries(checkout.redirect.fields).map(([name, value]) => el('input', { type: 'hidden', name, value })));
  document.body.append(form);
  form.submit();
}

// --- a shopper's account: its orders ------------------------------------------------------------------

async function accountView() {
  const who = await signedIn(t('myAccount'), claims => (claims.roles || []).includes('shopper'), { register: true });
  if (!who) return;
  const list = el('ul', { class: 'parts', id: 'my-orders' });
  const message = status(t('loading'));
  show(el('h1', {}, t('myAccount')), el('p', {}, who.name ? who.name + ' · ' : '', signOutButton()),
    el('h2', {}, t('myOrders')), message, list, myDataSection(message));
  try {
    const mine = await api('/api/orders/mine', { headers: bearer });
    message.textContent = mine.items.length ? '' : t('noOrders');
    list.replaceChildren(...mine.items.map(order => el('li', { 'data-order': order.id }, el('p', {},
      el('a', { href: '#/order/' + order.id }, t('order') + ' ' + order.code), ' · ',
      new Date(order.createdAt).toLocaleDateString(LOCALES[lang], { numberingSystem: 'latn' }), ' · ',
      el('strong', {}, t('statuses')[order.status] || order.status), ' · ', price(order.totalCentimes)))));
  } catch (error) {
    message.textContent = errorMessage(error);
  }
}

// --- a member's first sign-in, from the link an SMS or e-mail brought -------------------------------

/**
 * The page behind a sign-in link: which cooperative and username it is for, and a form to choose a
 * password; then on to Keycloak's sign-in page with the username filled in. The code stays in the
 * address's fragment, which no server sees; the page sends it in a request's body.
 */
async function welcomeView(code) {
  const message = status(t('loading'));
  show(el('h1', {}, t('welcome')), message);
  let link;
  try {
    link = await api('/api/catalog/sign-in-links/open', { method: 'POST', body: { code } });
  } catch (error) {
    message.textContent = errorMessage(error);
    return;
  }
  const name = link.cooperativeName[lang] || link.cooperativeName.fr || Object.values(link.cooperativeName)[0] || '';
  const signInWith = username => el('button', { type: 'button', id: 'sign-in', onclick: async () => {
    message.textContent = t('signingIn');
    if (!await session.signIn('#/portal', lang, { loginHint: username })) message.textContent = t('signInUnavailable');
  } }, t('signIn'));
  const form = el('form', { class: 'checkout', id: 'choose-password', onsubmit: async event => {
    event.preventDefault();
    const data = new FormData(form);
    const password = String(data.get('password'));
    if (password.length < 10) { message.textContent = t('passwordTooShort'); return; }
    if (password !== data.get('again')) { message.textContent = t('passwordsDiffer'); return; }
    message.textContent = t('saving');
    try {
      const done = await api('/api/catalog/sign-in-links/use', { method: 'POST', body: { code, password } });
      form.replaceWith(el('p', { class: 'actions' }, signInWith(done.username)));
      message.textContent = t('passwordChosen');
    } catch (error) {
      message.textContent = errorMessage(error);
    }
  } },
    el('label', {}, t('newPassword'), el('input', { name: 'password', type: 'password', required: true, minlength: '10', maxlength: '128', autocomplete: 'new-password', dir: 'ltr' })),
    el('label', {}, t('newPasswordAgain'), el('input', { name: 'again', type: 'password', required: true, minlength: '10', maxlength: '128', autocomplete: 'new-password', dir: 'ltr' })),
    el('button', { type: 'submit', id: 'save-password' }, t('choosePassword')));
  message.textContent = '';
  main().append(
    el('p', {}, t('welcomeFor').replace('{cooperative}', name)),
    el('p', {}, t('username'), ': ', el('strong', { dir: 'ltr', id: 'welcome-username' }, link.username)),
    form, message);
}

// --- the cooperative portal -------------------------------------------------------------------------

/**
 * The door of the portal, the console and the account page: the signed-in person's claims when
 * `allowed`, else null after showing how to sign in (or, when Keycloak's session makes a form
 * unnecessary, after leaving to sign in silently). An account without the right role is told so.
 */
async function signedIn(title, allowed, { refused = 'notAllowed', register = false } = {}) {
  const who = session.who();
  if (who && allowed(who)) return who;
  const returnTo = location.hash || '#/';
  const unavailable = !who && !await session.reachable();
  if (!who && !unavailable && await session.signInSilently(returnTo, lang)) return null;
  const message = status(who ? t(refused) : unavailable ? t('signInUnavailable') : '');
  const start = options => async () => {
    message.textContent = t('signingIn');
    if (!await session.signIn(returnTo, lang, options)) message.textContent = t('signInUnavailable');
  };
  show(el('h1', {}, title), message, el('p', { class: 'actions' }, who
    ? signOutButton()
    : [el('button', { type: 'button', id: 'sign-in', onclick: start({}) }, t('signIn')),
       register ? el('button', { type: 'button', id: 'create-account', onclick: start({ register: true }) }, t('createAccount')) : null]));
  return null;
}

function signOutButton() {
  return el('button', { type: 'button', id: 'sign-out', onclick: () => session.signOut() }, t('signOut'));
}

async function portalView() {
  const who = await signedIn(t('portal'), claims => Boolean(claims.coop), { refused: 'notCooperative' });
  if (!who) return;
  const auth = bearer;
  const list = el('ul', { class: 'parts', id: 'incoming' });
  const message = status(t('loading'));
  const toCollect = el('section', { id: 'to-collect', hidden: true });
  show(el('h1', {}, t('incoming')),
    el('p', {}, who.name ? who.name + ' · ' : '', signOutButton()),
    message, toCollect, list);
  const products = el('section', { id: 'my-products' });
  const notices = el('section', { id: 'my-notifications' });
  const statements = el('section', { id: 'my-statements' });
  const sources = el('section', { id: 'my-sources' });
  const printing = el('p', { id: 'my-pages' });
  const fairs = el('section', { id: 'my-fairs' });
  const stand = el('section', { id: 'stand-sales', hidden: true });
  const withdrawals = el('section', { id: 'my-withdrawals' });
  const seller = el('section', { id: 'my-seller' });
  const invoices = el('section', { id: 'my-invoices' });
  main().append(stand, withdrawals, printing, fairs, seller, newProductForm(who.coop, auth, message, () => portalProducts(products, who.coop, auth, message)),
    products, sources, statements, invoices, notices);
  myFairs(fairs, who.coop);
  standSalesSection(stand, who.coop, auth);
  withdrawalsSection(withdrawals, '/api/cooperatives/' + who.coop + '/withdrawals', auth, message);
  sellerSection(seller, who.coop, auth, message);
  invoiceList(invoices, '/api/cooperatives/' + who.coop + '/invoices', auth, message);
  salesBySource(sources, '/api/cooperatives/' + who.coop + '/sources', auth);
  showOwnPage(printing, who.coop);
  portalProducts(products, who.coop, auth, message);
  portalStatements(statements, auth, message);
  portalNotifications(notices, who.coop, auth, message);
  const refresh = async () => {
    try {
      const parts = await api('/api/cooperatives/' + who.coop + '/orders', { headers: auth });
      const waiting = part => part.pickupStand && ['NEW', 'ACCEPTED'].includes(part.status);
      pickUpsSection(toCollect, parts.items.filter(waiting), who.coop, auth, refresh, message);
      list.replaceChildren(...parts.items.filter(part => !waiting(part)).map(part => portalPart(part, who.coop, auth, refresh, message)));
      message.textContent = parts.items.length ? '' : t('noOrders');
    } catch (error) {
      message.textContent = errorMessage(error);
    }
  };
  await refresh();
}

/**
 * Orders to collect at the cooperative's fair stand, apart from those to ship: the buyer shows the
 * order's number, the cooperative types it and hands the goods over (paid there when cash).
 */
function pickUpsSection(section, parts, coop, auth, refresh, message) {
  section.hidden = !parts.length;
  if (!parts.length) return;
  const code = el('input', { name: 'code', id: 'hand-over-code', inputmode: 'numeric', dir: 'ltr', required: true, pattern: '[0-9]{1,12}',
    'aria-label': t('handOverCode'), placeholder: t('handOverCode') });
  const form = el('form', { id: 'hand-over', onsubmit: async event => {
    event.preventDefault();
    try {
      await api('/api/cooperatives/' + coop + '/pickups/' + encodeURIComponent(code.value.trim()) + '/hand-over', { method: 'POST', headers: auth });
      const handedOver = code.value.trim();
      await refresh(); // clears the message: said after
      message.textContent = t('handedOver').replace('{code}', handedOver);
    } catch (error) {
      message.textContent = errorMessage(error);
    }
  } }, code, el('button', { type: 'submit' }, t('handOver')));
  section.replaceChildren(el('h2', {}, t('toCollect')), form,
    el('ul', { class: 'parts' }, parts.map(part => portalPart(part, coop, auth, refresh, message))));
}

function main() {
  return $('#main');
}

/**
 * Withdrawals waiting for their goods or their refund, those past the law's 15 days marked: the
 * cooperative (or an operator) says when the goods are back.
 */
async function withdrawalsSection(section, path, auth, message) {
  const refresh = async () => {
    try {
      const open = await api(path, { headers: auth });
      section.replaceChildren(el('h2', {}, t('withdrawals')), open.withdrawals.length ? el('ul', { class: 'parts' },
        open.withdrawals.map(w => el('li', { 'data-withdrawal': w.id, 'data-status': w.status },
          el('p', {}, el('strong', {}, t('retractStatuses')[w.status] || w.status), ' · ', price(w.amountCentimes), ' · ',
            lawDay(w.refundDueBy.substring(0, 10)), w.refundOverdue ? ' · ' : '',
            w.refundOverdue ? el('span', { class: 'badge alert' }, t('retractOverdue')) : ''),
          el('ul', {}, w.lines.map(line => el('li', {}, line.quantity + ' × ' + localized(line.name)))),
          w.status === 'REQUESTED' ? el('button', { type: 'button', class: 'goods-received', onclick: async () => {
            try {
              await api('/api/orders/' + w.orderId + '/withdrawals/' + w.cooperativeId + '/received', { method: 'POST', headers: auth });
              await refresh();
            } catch (error) { message.textContent = errorMessage(error); }
          } }, t('goodsReceived')) : null))) : el('p', {}, t('nothing')));
    } catch (error) { message.textContent = errorMessage(error); }
  };
  await refresh();
}

/** What the law asks shown of the cooperative as a seller: its ICE and IF, where goods go back. */
async function sellerSection(section, coop, auth, message) {
  try {
    const own = await api('/api/catalog/cooperatives/' + coop + '/profile?lang=' + lang, { headers: auth });
    const input = (name, value, attributes) => el('label', {}, t(name),
      el('input', { name, value: value || '', ...attributes }));
    const form = el('form', { class: 'checkout', id: 'seller-form', onsubmit: async event => {
      event.preventDefault();
      const data = new FormData(form);
      try {
        await api('/api/catalog/cooperatives/' + coop + '/seller', { method: 'PUT', headers: auth,
          body: { ice: data.get('ice') || null, taxId: data.get('taxId') || null, returnAddress: data.get('returnAddress') || null } });
        message.textContent = t('saved');
      } catch (error) { message.textContent = errorMessage(error); }
    } },
    el('h2', {}, t('soldBy')),
    el('p', {}, t('sellerIds') + ' ', el('span', { dir: 'ltr' }, own.registrationNumber)),
    input('ice', own.seller.ice, { dir: 'ltr', pattern: '[0-9]{15}', inputmode: 'numeric' }),
    input('taxId', own.seller.taxId, { dir: 'ltr', pattern: '[0-9]{1,10}', inputmode: 'numeric' }),
    input('returnAddress', own.seller.returnAddress, { maxlength: '300', required: true }),
    el('button', { type: 'submit' }, t('save')));
    section.replaceChildren(form);
  } catch (error) { message.textContent = errorMessage(error); }
}

/** News for the shoppers who agreed to receive it (and nobody else), in Arabic and French at least. */
function announcementForm(auth, message) {
  const form = el('form', { class: 'checkout', id: 'announcement', onsubmit: async event => {
    event.preventDefault();
    const data = new FormData(form);
    const key = form.dataset.key || (form.dataset.key = crypto.randomUUID());
    try {
      const sent = await api('/api/notifications/ops/announcements', { method: 'POST', headers: { ...auth, 'Idempotency-Key': key },
        body: { text: Object.fromEntries(['ar', 'fr', 'en'].filter(l => data.get(l)).map(l => [l, data.get(l)])),
          channels: data.getAll('channels') } });
      delete form.dataset.key;
      form.reset();
      message.textContent = t('announced').replace('{count}', sent.recipients);
    } catch (error) { message.textContent = errorMessage(error); }
  } },
  el('h2', {}, t('announce')),
  el('label', {}, 'العربية', el('textarea', { name: 'ar', dir: 'rtl', required: true, maxlength: '600' })),
  el('label', {}, 'Français', el('textarea', { name: 'fr', required: true, maxlength: '600' })),
  el('label', {}, 'English', el('textarea', { name: 'en', maxlength: '600' })),
  el('fieldset', {}, el('legend', {}, t('notifyBy')), ['SMS', 'EMAIL'].map(channel =>
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'channels', value: channel, checked: true }), t('channels')[channel]))),
  el('button', { type: 'submit' }, t('send')));
  return form;
}

/** Cash refunds owed to shoppers who withdrew, paid by bank transfer: the operator records each transfer. */
async function owedTransfersSection(section, auth, message) {
  const refresh = async () => {
    try {
      const waiting = await api('/api/payments/refunds?status=REQUESTED', { headers: auth });
      const owed = waiting.items.filter(refund => refund.owedByTransfer);
      section.replaceChildren(el('h2', {}, t('owedTransfers')), owed.length ? el('ul', { class: 'parts' },
        owed.map(refund => {
          const reference = el('input', { name: 'reference', required: true, maxlength: '100', dir: 'ltr', 'aria-label': t('transferReference') });
          return el('li', { 'data-refund': refund.id }, el('p', {}, price(refund.amountCentimes), ' · ',
            new Date(refund.createdAt).toLocaleDateString(LOCALES[lang], { numberingSystem: 'latn' })),
          el('form', { class: 'filters', onsubmit: async event => {
            event.preventDefault();
            try {
              await api('/api/payments/refunds/' + refund.id + '/paid-by-transfer',
                { method: 'POST', headers: auth, body: { reference: reference.value.trim() } });
              await refresh();
            } catch (error) { message.textContent = errorMessage(error); }
          } }, el('label', {}, t('transferReference'), reference), el('button', { type: 'submit' }, t('recordTransfer'))));
        })) : el('p', {}, t('nothing')));
    } catch (error) { message.textContent = errorMessage(error); }
  };
  await refresh();
}

/**
 * Card refunds, captures and hold releases whose answer from the acquirer was lost: the operator looks
 * each one up in the acquirer's back office, then records it done there (with its reference) or sends
 * it again. Refused ones are listed too, to be settled with the shopper.
 */
async function acquirerChecksSection(section, auth, message) {
  const refresh = async () => {
    try {
      const [refunds, settlements, refused] = await Promise.all([
        api('/api/payments/refunds?status=REQUESTED', { headers: auth }),
        api('/api/payments/settlements?status=REQUESTED', { headers: auth }),
        api('/api/payments/settlements?status=FAILED', { headers: auth })]);
      const checks = [
        ...refunds.items.filter(refund => refund.awaitingOperator).map(refund => ({
          id: 'refund-' + refund.id, kind: 'REFUND', amount: refund.amountCentimes, why: refund.lastError,
          done: '/api/payments/refunds/' + refund.id + '/done-at-acquirer',
          again: '/api/payments/refunds/' + refund.id + '/send-again' })),
        ...settlements.items.filter(settlement => settlement.awaitingOperator).map(settlement => ({
          id: 'settlement-' + settlement.paymentId, kind: settlement.kind, amount: settlement.amountCentimes,
          why: settlement.lastError,
          done: '/api/payments/' + settlement.paymentId + '/settlement/done-at-acquirer',
          again: '/api/payments/' + settlement.paymentId + '/settlement/send-again' })),
        ...refused.items.map(settlement => ({
          id: 'settlement-' + settlement.paymentId, kind: settlement.kind, amount: settlement.amountCentimes,
          why: settlement.lastError }))];
      const act = async (path, body) => {
        try {
          await api(path, { method: 'POST', headers: auth, body });
          await refresh();
        } catch (error) { message.textContent = errorMessage(error); }
      };
      section.replaceChildren(el('h2', {}, t('atAcquirer')), checks.length ? el('ul', { class: 'parts' },
        checks.map(check => {
          const reference = el('input', { name: 'reference', required: true, maxlength: '100', dir: 'ltr',
            'aria-label': t('acquirerReference') });
          return el('li', { 'data-check': check.id },
            el('p', {}, t('acquirerKinds')[check.kind], ' · ', price(check.amount)),
            el('p', { class: 'hint', dir: 'ltr' }, check.why || ''),
            check.done ? el('form', { class: 'filters', onsubmit: event => {
              event.preventDefault();
              act(check.done, { reference: reference.value.trim() });
            } }, el('label', {}, t('acquirerReference'), reference),
              el('button', { type: 'submit', class: 'done-at-acquirer' }, t('doneAtAcquirer')),
              el('button', { type: 'button', class: 'send-again', onclick: () => act(check.again, {}) }, t('sendAgain')))
              : null);
        })) : el('p', {}, t('nothing')));
    } catch (error) { message.textContent = errorMessage(error); }
  };
  await refresh();
}

/** The cooperative's products and their stock: what is on the shelf, what orders hold, set the shelf. */
async function portalProducts(section, coop, auth, message) {
  try {
    const own = await api('/api/catalog/cooperatives/' + coop + '/products?lang=' + lang, { headers: auth });
    section.replaceChildren(el('h2', {}, t('myProducts')), el('ul', { class: 'parts' }, own.items.map(product => {
      const onHand = el('input', { type: 'number', min: '0', name: 'onHand', value: String(product.stockOnHand), 'aria-label': t('onHand') });
      const newPrice = el('input', { name: 'price', inputmode: 'decimal', dir: 'ltr', 'aria-label': t('priceMad'),
        value: dirhams(product.priceCentimes) });
      return el('li', { 'data-product': product.id },
        el('p', {}, el('strong', {}, localized(product.name)), ' · ', price(product.priceCentimes), ' · ', unitText(product.unit),
          product.active ? [' · ', el('a', { href: product.page }, t('productPage')), ' · ',
            el('a', { class: 'label-pdf', href: product.page + '/label.pdf' }, t('printLabel'))] : null),
        el('div', { class: 'actions' }, el('label', { class: 'check' }, t('onHand'), onHand),
          el('span', {}, t('reservedStock') + ': ' + product.stockReserved),
          el('button', { type: 'button', class: 'save-stock', onclick: async () => {
            try {
              await api('/api/catalog/products/' + product.id + '/stock', { method: 'PUT', headers: auth,
                body: { onHand: Number(onHand.value) } });
              message.textContent = t('saved');
            } catch (error) { message.textContent = errorMessage(error); }
          } }, t('save'))),
        el('div', { class: 'actions' }, el('label', { class: 'check' }, t('priceMad'), newPrice),
          el('button', { type: 'button', class: 'save-price', onclick: async () => {
            const priceCentimes = toCentimes(newPrice.value);
            if (priceCentimes == null || priceCentimes <= 0) { message.textContent = t('badPrice'); return; }
            try {
              // An edit sends the whole product as it is, with the new price.
              await api('/api/catalog/products/' + product.id, { method: 'PUT', headers: auth, body: {
                name: product.name, description: product.description, category: product.category, priceCentimes,
                unit: product.unit, labels: product.labels, imageUrls: product.imageUrls, active: product.active } });
              message.textContent = t('saved');
              await portalProducts(section, coop, auth, message);
            } catch (error) { message.textContent = errorMessage(error); }
          } }, t('updatePrice')),
          product.active ? el('button', { type: 'button', class: 'withdraw', onclick: async () => {
            try {
              await api('/api/catalog/products/' + product.id, { method: 'DELETE', headers: auth });
              message.textContent = t('withdrawn');
              await portalProducts(section, coop, auth, message);
            } catch (error) { message.textContent = errorMessage(error); }
          } }, t('withdraw')) : el('span', { class: 'badge muted' }, t('withdrawn'))),
        photoManager(product, auth, message, () => portalProducts(section, coop, auth, message)),
        productEditor(product, auth, message, () => portalProducts(section, coop, auth, message)));
    })));
  } catch (error) { message.textContent = errorMessage(error); }
}

/**
 * A product's photos in the portal: the main one first, each can be moved first or deleted, and
 * new ones picked or taken with the phone's camera. Each is shrunk in the browser when it can (a
 * 12-megapixel photo becomes a few hundred kilobytes: minutes saved on a weak 3G line), sent with
 * a progress bar, and sent again after a lost connection (the same bytes are the same photo).
 */
function photoManager(product, auth, message, changed) {
  const photos = product.photos || [];
  const base = '/api/catalog/products/' + product.id + '/photos';
  const reorder = async ids => {
    try {
      await api(base, { method: 'PUT', headers: auth, body: ids });
      await changed();
    } catch (error) { message.textContent = errorMessage(error); }
  };
  const progress = el('progress', { max: '100', value: '0', hidden: true, class: 'upload-progress' });
  const input = el('input', { type: 'file', accept: 'image/*', multiple: true, name: 'photos', class: 'add-photos',
    'aria-label': t('addPhotos'), onchange: async () => {
      const files = [...input.files];
      input.value = '';
      progress.hidden = false;
      try {
        for (const [index, file] of files.entries()) {
          message.textContent = t('uploading') + ' ' + (index + 1) + ' / ' + files.length;
          await uploadPhoto(base, await shrunk(file), auth, fraction => { progress.value = String(Math.round(fraction * 100)); });
        }
        message.textContent = t('saved');
        await changed();
      } catch (error) {
        message.textContent = errorMessage(error);
      } finally {
        progress.hidden = true;
      }
    } });
  return el('div', { class: 'photos' },
    el('p', {}, el('strong', {}, t('photos')), ' (' + photos.length + ' / 8)'),
    el('ul', { class: 'photo-list' }, photos.map((photo, index) => el('li', { 'data-photo': photo.id },
      picture(product, 96, { photo }),
      index === 0 ? el('span', { class: 'badge' }, t('mainPhoto'))
        : el('button', { type: 'button', class: 'make-main', onclick: () =>
          reorder([photo.id, ...photos.filter(p => p.id !== photo.id).map(p => p.id)]) }, t('makeMain')),
      el('button', { type: 'button', class: 'delete-photo', onclick: async () => {
        try {
          await api(base + '/' + encodeURIComponent(photo.id), { method: 'DELETE', headers: auth });
          await changed();
        } catch (error) { message.textContent = errorMessage(error); }
      } }, t('deletePhoto'))))),
    photos.length < 8 ? el('label', { class: 'check' }, t('addPhotos'), input) : null, progress);
}

/** A photo no larger than the largest rendition needs, upright, as JPEG; the file itself when it cannot be. */
async function shrunk(file) {
  const LONGEST = 2560;
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, LONGEST / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.size < 1_500_000) return file;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return await new Promise(resolve => canvas.toBlob(blob => resolve(blob || file), 'image/jpeg', 0.9));
  } catch (error) {
    return file; // the server reads what the browser cannot
  }
}

/** Sends a photo with its progress; a lost connection or a busy server is tried again, three times. */
async function uploadPhoto(url, blob, auth, onProgress) {
  for (let attempt = 1; ; attempt++) {
    const answer = await new Promise(resolve => {
      const request = new XMLHttpRequest();
      request.open('POST', url);
      for (const [name, value] of Object.entries({ 'Accept-Language': lang, ...auth })) request.setRequestHeader(name, value);
      request.upload.onprogress = event => { if (event.lengthComputable) onProgress(event.loaded / event.total); };
      request.onload = () => resolve({ status: request.status, text: request.responseText });
      request.onerror = () => resolve({ status: 0, text: '' });
      request.send(blob);
    });
    if (answer.status >= 200 && answer.status < 300) return JSON.parse(answer.text);
    if ((answer.status === 0 || answer.status === 503) && attempt < 3) {
      await new Promise(resolve => setTimeout(resolve, 2000 * attempt));
      continue;
    }
    let problem = null;
    try { problem = JSON.parse(answer.text); } catch (ignored) { /* not JSON */ }
    throw new ApiError(answer.status, problem);
  }
}

/** The product's names and descriptions in each language, its category, unit and labels, edited in place. */
function productEditor(product, auth, message, saved) {
  const text = (name, label, value, attributes = {}) =>
    el('label', {}, t(label), el('input', { name, value: value || '', ...attributes }));
  const area = (name, label, value, attributes = {}) =>
    el('label', {}, t(label), el('textarea', { name, rows: '3', ...attributes }, value || ''));
  const languages = map => Object.fromEntries(Object.entries(map).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));
  const form = el('form', { class: 'checkout edit-product', onsubmit: async event => {
    event.preventDefault();
    const data = new FormData(form);
    const name = languages({ ar: data.get('nameAr'), fr: data.get('nameFr'), en: data.get('nameEn') });
    const description = languages({ ar: data.get('descriptionAr'), fr: data.get('descriptionFr'), en: data.get('descriptionEn') });
    if (Object.keys(name).length === 0) { message.textContent = t('needsName'); return; }
    try {
      // The whole product as it is, with what was edited: price, stock and images stay as they are.
      await api('/api/catalog/products/' + product.id, { method: 'PUT', headers: auth, body: {
        name, description, category: data.get('category'), priceCentimes: product.priceCentimes,
        unit: data.get('unit').trim(), labels: data.get('labels').split(/[,،]/).map(l => l.trim()).filter(l => l),
        imageUrls: product.imageUrls, active: product.active } });
      message.textContent = t('saved');
      await saved();
    } catch (error) { message.textContent = errorMessage(error); }
  } },
    text('nameAr', 'nameAr', product.name.ar, { dir: 'rtl' }), text('nameFr', 'nameFr', product.name.fr),
    text('nameEn', 'nameEn', product.name.en),
    area('descriptionAr', 'descriptionAr', (product.description || {}).ar, { dir: 'rtl' }),
    area('descriptionFr', 'descriptionFr', (product.description || {}).fr),
    area('descriptionEn', 'descriptionEn', (product.description || {}).en),
    el('label', {}, t('category'), el('select', { name: 'category' },
      Object.entries(t('categories')).map(([value, label]) =>
        el('option', { value, selected: value === product.category }, label)))),
    text('unit', 'unit', product.unit, { required: true }),
    text('labels', 'labelsList', (product.labels || []).join(', ')),
    el('button', { type: 'submit', class: 'save-product' }, t('saveChanges')));
  return el('details', { class: 'editor' }, el('summary', {}, t('editProduct')), form);
}

/** A new product on sale; its id is chosen here, so a retried submit creates it once. */
function newProductForm(coop, auth, message, created) {
  let productId = crypto.randomUUID();
  const field = (name, label, attributes = {}) => el('label', {}, t(label), el('input', { name, required: true, ...attributes }));
  const form = el('form', { class: 'checkout', id: 'new-product', onsubmit: async event => {
    event.preventDefault();
    const data = new FormData(form);
    const priceCentimes = toCentimes(data.get('price'));
    if (priceCentimes == null || priceCentimes <= 0) { message.textContent = t('badPrice'); return; }
    try {
      await api('/api/catalog/products', { method: 'POST', headers: auth, body: {
        id: productId, cooperativeId: coop, name: { ar: data.get('nameAr'), fr: data.get('nameFr') },
        description: { fr: data.get('description') }, category: data.get('category'), priceCentimes,
        unit: data.get('unit'), stock: Number(data.get('stock')) } });
      productId = crypto.randomUUID();
      form.reset();
      message.textContent = t('created');
      await created();
    } catch (error) { message.textContent = errorMessage(error); }
  } },
    el('h2', {}, t('newProduct')),
    field('nameAr', 'nameAr', { dir: 'rtl' }), field('nameFr', 'nameFr'),
    el('label', {}, t('description'), el('textarea', { name: 'description', rows: '3', required: true })),
    el('label', {}, t('category'), el('select', { name: 'category' },
      Object.entries(t('categories')).map(([value, label]) => el('option', { value }, label)))),
    field('price', 'priceMad', { inputmode: 'decimal', dir: 'ltr' }), field('unit', 'unit'),
    field('stock', 'stockCount', { type: 'number', min: '0', value: '0' }),
    el('button', { type: 'submit', id: 'create-product' }, t('create')));
  return form;
}

/**
 * The cooperative's own page and its stand poster, to share and print (a fair's poster carries the
 * fair's tag: the sales it brings are counted under it).
 */
async function showOwnPage(section, coop) {
  try {
    const own = await api('/api/catalog/cooperatives/' + coop + '?lang=' + lang);
    section.replaceChildren(el('a', { href: own.page }, t('ourPage')), ' · ',
      el('a', { class: 'poster-pdf', href: own.page + '/poster.pdf' }, t('printPoster')));
  } catch (error) {
    section.replaceChildren();  // not verified yet: no public page to print
  }
}

/**
 * Orders and sales by the campaign tag of the link they came from (?src=… on a fair's poster, a post):
 * the portal shows the cooperative's own, the console everyone's.
 */
async function salesBySource(section, url, auth) {
  try {
    const found = await api(url, { headers: auth });
    section.replaceChildren(el('h2', {}, t('bySource')), found.items.length ? el('ul', {},
      found.items.map(line => el('li', { 'data-source': line.source },
        el('span', { dir: 'ltr' }, line.source), ': ' + line.orders + ' ' + t('ordersCount') + ' · ', price(line.totalCentimes))))
      : el('p', {}, t('nothing')));
  } catch (error) {
    section.replaceChildren(el('h2', {}, t('bySource')), status(errorMessage(error)));
  }
}

/** Payout statements, each downloadable as CSV for the cooperative's treasurer. */
async function portalStatements(section, auth, message) {
  try {
    const found = await api('/api/payments/payouts/statements', { headers: auth });
    section.replaceChildren(el('h2', {}, t('statements')), found.items.length ? el('ul', { class: 'parts' },
      found.items.map(statement => el('li', {},
        el('p', {}, t('periodEnd') + ' ' + new Date(statement.periodEnd).toLocaleDateString(LOCALES[lang]) + ' · '
          + t('net') + ' ' + price(statement.netCentimes) + ' · ' + (t('statementStatuses')[statement.status] || statement.status)),
        el('div', { class: 'actions' }, el('button', { type: 'button', onclick: () => download(
          '/api/payments/payouts/statements/' + statement.id + '?format=csv', 'tadamon-' + statement.id + '.csv', message) },
          t('download')))))) : el('p', {}, t('nothing')));
  } catch (error) { message.textContent = errorMessage(error); }
}

async function portalNotifications(section, coop, auth, message) {
  try {
    const found = await api('/api/notifications?cooperative=' + coop, { headers: auth });
    section.replaceChildren(el('h2', {}, t('notifications')), found.items.length ? el('ul', {},
      found.items.slice(0, 20).map(n => el('li', {}, (t('channels')[n.channel] || n.channel) + ' · ' + (t('deliveryStatuses')[n.status] || n.status) + ' — ',
        el('span', { dir: 'auto' }, n.body)))) : el('p', {}, t('nothing')));
  } catch (error) { message.textContent = errorMessage(error); }
}

function portalPart(part, coop, auth, refresh, message) {
  const act = async (action, body) => {
    try {
      await api('/api/orders/' + part.orderId + '/cooperatives/' + coop + '/' + action, { method: 'POST', headers: auth, body });
      await refresh();
    } catch (error) {
      message.textContent = errorMessage(error);
    }
  };
  const reason = el('input', { name: 'reason', 'aria-label': t('reason'), placeholder: t('reason') });
  const tracking = el('input', { name: 'tracking', 'aria-label': t('tracking'), placeholder: t('tracking'), dir: 'ltr' });
  // What the courier charged for a parcel refused at the door, there and back: for the operators' records.
  const courierCost = el('input', { name: 'courierCost', inputmode: 'decimal', 'aria-label': t('courierCost'), placeholder: t('courierCost'), dir: 'ltr' });
  const refuse = () => {
    const centimes = courierCost.value.trim() ? toCentimes(courierCost.value) : null;
    if (courierCost.value.trim() && centimes === null) { message.textContent = t('badPrice'); return; }
    act('refuse', { courierCostCentimes: centimes });
  };
  // Collected at the stand: prepared, then handed over with the order's number (above), never shipped.
  const atStand = part.pickupStand ? {
    ACCEPTED: [reason, el('button', { type: 'button', class: 'decline', onclick: () => act('decline', { reason: reason.value }) }, t('decline'))],
  } : {};
  const buttons = {
    NEW: [el('button', { type: 'button', class: 'accept', onclick: () => act('accept') }, t('accept')), reason,
      el('button', { type: 'button', class: 'decline', onclick: () => act('decline', { reason: reason.value }) }, t('decline'))],
    ACCEPTED: [tracking, el('button', { type: 'button', class: 'ship', onclick: () => act('ship', { trackingReference: tracking.value || null }) }, t('ship')),
      reason, el('button', { type: 'button', class: 'decline', onclick: () => act('decline', { reason: reason.value }) }, t('decline'))],
    SHIPPED: [el('button', { type: 'button', class: 'deliver', onclick: () => act('deliver') }, t('deliver')),
      ...(part.paymentMethod === 'CASH_ON_DELIVERY'
        ? [courierCost, el('button', { type: 'button', class: 'refuse', onclick: refuse }, t('refusedAtDoor'))] : [])],
    ...atStand,
  }[part.status] || [];
  return el('li', { 'data-order': part.orderId, 'data-code': part.code },
    el('p', {}, el('strong', {}, t('order') + ' ' + part.code), ' · ',
      el('span', { class: 'part-status' }, t('statuses')[part.status] || part.status), ' · ',
      price(part.subtotalCentimes + part.shippingCentimes)),
    el('ul', {}, part.lines.map(line => el('li', {}, line.quantity + ' × ' + localized(line.name)))),
    el('p', {}, (part.pickupStand ? t('collectAt').replace('{stand}', part.pickupStand) : t('deliverTo') + ' ' + part.shippingAddress.city)
      + ' · ' + part.contact.name + ' ', el('span', { dir: 'ltr' }, part.contact.phone)),
    el('div', { class: 'actions' }, buttons));
}

// --- the operator console ----------------------------------------------------------------------------

async function operatorView() {
  const who = await signedIn(t('operator'), claims => (claims.roles || []).includes('operator'), { refused: 'notOperator' });
  if (!who) return;
  const auth = bearer;
  const message = status('');
  const live = el('section', { id: 'live' }, el('h2', {}, t('live')));
  const queue = el('section', { id: 'to-verify' }, el('h2', {}, t('toVerify')));
  const orders = el('section', { id: 'orders' }, el('h2', {}, t('orders')));
  const failed = el('section', { id: 'failed' }, el('h2', {}, t('failedNotifications')));
  const dead = el('section', { id: 'dead-letters' }, el('h2', {}, t('deadLetters')));
  const refusals = el('section', { id: 'refusals' }, el('h2', {}, t('refusals')));
  const sources = el('section', { id: 'sources' }, el('h2', {}, t('bySource')));
  const withdrawals = el('section', { id: 'withdrawals' });
  const transfers = el('section', { id: 'owed-transfers' });
  const acquirerChecks = el('section', { id: 'acquirer-checks' });
  const news = announcementForm(auth, message);
  show(el('h1', {}, t('operator')), el('p', {}, who.name ? who.name + ' · ' : '', signOutButton()), message,
    live, queue, registrationForm(auth, message, () => refreshQueue()), membersSection(auth, message), fairsSection(auth, message),
    orders, withdrawals, transfers, acquirerChecks, news, sources, refusals, failed, dead);
  salesBySource(sources, '/api/orders/ops/sources', auth);
  withdrawalsSection(withdrawals, '/api/orders/ops/withdrawals', auth, message);
  owedTransfersSection(transfers, auth, message);
  acquirerChecksSection(acquirerChecks, auth, message);

  const since = seconds => new Date(Date.now() - seconds * 1000).toISOString();
  const counts = (items, key, labels) => el('ul', {}, Object.entries(items.reduce((all, item) => {
    all[item[key]] = (all[item[key]] || 0) + 1;
    return all;
  }, {})).map(([value, count]) => el('li', {}, (labels ? labels[value] || value : value) + ': ' + count)));
  const refreshLive = async () => {
    const [minute, hour, sms] = await Promise.all([
      api('/api/orders?limit=1&from=' + encodeURIComponent(since(60)), { headers: auth }),
      api('/api/orders?limit=200&from=' + encodeURIComponent(since(3600)), { headers: auth }),
      api('/api/notifications/ops/sms-budget', { headers: auth })]);
    const smsUsed = sms.perHour ? Math.round(100 * sms.usedThisHour / sms.perHour) : 0;
    live.replaceChildren(el('h2', {}, t('live')),
      // From 80 % of the hour's budget of SMS to shoppers: a bot may be making Tadamon text numbers.
      el('p', { id: 'sms-budget', class: sms.alert ? 'badge alert' : null, role: sms.alert ? 'alert' : null },
        t('smsBudget').replace('{used}', smsUsed).replace('{count}', sms.usedThisHour).replace('{budget}', sms.perHour),
        sms.alert ? ' — ' + t('smsBudgetAlert') : ''),
      el('p', {}, t('ordersLastMinute') + ': ', el('strong', { id: 'orders-last-minute' }, String(minute.totals.orders))),
      el('h3', {}, t('lastHour') + ' — ' + t('region')), counts(hour.items, 'region', t('regions')),
      el('h3', {}, t('paymentMix')), counts(hour.items, 'paymentMethod', { CASH_ON_DELIVERY: t('cod'), CARD: t('card') }));
  };
  const refreshQueue = async () => {
    const pending = await api('/api/catalog/cooperatives?verified=false&lang=' + lang, { headers: auth });
    queue.replaceChildren(el('h2', {}, t('toVerify')), pending.items.length ? el('ul', { class: 'parts' },
      pending.items.map(coop => el('li', { 'data-cooperative': coop.id },
        el('p', {}, el('strong', {}, localized(coop.name)), ' · ', t('regions')[coop.region] || coop.region, ' · ', localized(coop.city)),
        el('div', { class: 'actions' }, el('button', { type: 'button', class: 'verify', onclick: async () => {
          try {
            await api('/api/catalog/cooperatives/' + coop.id + '/verify', { method: 'POST', headers: auth });
            await refreshQueue();
          } catch (error) { message.textContent = errorMessage(error); }
        } }, t('verify')))))) : el('p', {}, t('nothing')));
  };
  const searchForm = el('form', { class: 'filters', onsubmit: event => { event.preventDefault(); refreshOrders(); } },
    el('label', {}, t('status'), el('select', { name: 'status' }, el('option', { value: '' }, t('any')),
      ['PLACED', 'RESERVED', 'CONFIRMED', 'COMPLETED', 'CANCELLED', 'REJECTED'].map(s => el('option', { value: s }, t('statuses')[s])))),
    el('label', {}, t('region'), el('select', { name: 'region' }, el('option', { value: '' }, t('any')),
      Object.entries(t('regions')).map(([value, label]) => el('option', { value }, label)))),
    el('label', {}, t('since'), el('input', { type: 'date', name: 'from' })),
    el('button', { type: 'submit' }, t('search')));
  const refreshOrders = async () => {
    const query = new URLSearchParams({ limit: '50' });
    for (const [name, value] of new FormData(searchForm)) {
      if (value) query.set(name, name === 'from' ? new Date(value).toISOString() : value);
    }
    try {
      const found = await api('/api/orders?' + query, { headers: auth });
      orders.replaceChildren(el('h2', {}, t('orders')), searchForm,
        el('p', { id: 'orders-total' }, t('count') + ': ' + found.totals.orders + ' · ' + t('total') + ': ' + price(found.totals.totalCentimes)),
        el('ul', { class: 'parts' }, found.items.map(order => el('li', { 'data-code': order.code },
          el('p', {}, el('strong', {}, t('order') + ' ' + order.code), ' · ', t('statuses')[order.status] || order.status, ' · ',
            t('regions')[order.region] || order.region, ' · ', price(order.totalCentimes))))));
    } catch (error) { message.textContent = errorMessage(error); }
  };
  // Numbers whose cash-on-delivery parcels came back refused: an operator may lift one after a call.
  const refreshRefusals = async () => {
    const found = await api('/api/orders/ops/refusals', { headers: auth });
    refusals.replaceChildren(el('h2', {}, t('refusals')), found.items.length ? el('ul', { class: 'parts' },
      found.items.map(number => el('li', { 'data-phone': number.phone },
        el('p', {}, el('span', { dir: 'ltr' }, number.phone), ' · ', String(number.refusals), ' · ',
          t('courierCosts') + ' ' + price(number.courierCostCentimes),
          number.cashOnDelivery ? '' : ' · ' + t('cashOnDeliveryBlocked')),
        number.refusals ? el('button', { type: 'button', class: 'lift', onclick: async () => {
          try {
            await api('/api/orders/ops/refusals/lift', { method: 'POST', headers: auth, body: { phone: number.phone } });
            await refreshRefusals();
          } catch (error) { message.textContent = errorMessage(error); }
        } }, t('liftRefusals')) : null))) : el('p', {}, t('nothing')));
  };
  const refreshFailed = async () => {
    const dead = await api('/api/notifications?status=DEAD', { headers: auth });
    failed.replaceChildren(el('h2', {}, t('failedNotifications')), dead.items.length ? el('ul', {}, dead.items.map(n =>
      el('li', {}, n.channel + ' · ' + n.template + ' · ' + (n.lastError || '')))) : el('p', {}, t('nothing')));
  };
  // Each service keeps what its consumers gave up on; the console gathers the four.
  const refreshDead = async () => {
    const lists = await Promise.all(['/api/catalog', '/api/orders', '/api/payments', '/api/notifications']
      .map(prefix => api(prefix + '/ops/dead-letters', { headers: auth })));
    const items = lists.flatMap(list => list.items).sort((a, b) => b.at.localeCompare(a.at));
    dead.replaceChildren(el('h2', {}, t('deadLetters')), items.length ? el('ul', {}, items.map(d =>
      el('li', {}, d.consumer + ' · ' + d.topic + '[' + d.partition + ']@' + d.offset + ' · ' + (d.eventType || '?') + ' — ' + d.error)))
      : el('p', {}, t('nothing')));
  };
  const refreshAll = () => Promise.all([refreshLive(), refreshQueue(), refreshOrders(), refreshRefusals(), refreshFailed(), refreshDead()])
    .catch(error => { message.textContent = errorMessage(error); });
  await refreshAll();
  const timer = setInterval(refreshLive, 10000);
  stopPolling = () => clearInterval(timer);
}

/**
 * Who signs in for a cooperative: its members listed, a new one added (her temporary password shown
 * once, for the operator to read to her), a member's access reset or removed.
 */
function membersSection(auth, message) {
  const section = el('section', { id: 'members' }, el('h2', {}, t('memberAccounts')));
  const list = el('ul', { class: 'parts', id: 'member-list' });
  const issued = el('p', { class: 'status', role: 'status', id: 'temporary-password' });
  const choice = el('select', { id: 'member-cooperative', onchange: () => refresh() });
  const cooperative = () => choice.value;
  const showAccess = access => {
    issued.replaceChildren(t('temporaryPassword') + ' ' + access.username + ': ',
      el('strong', { dir: 'ltr', class: 'secret' }, access.temporaryPassword));
  };
  const refresh = async () => {
    if (!cooperative()) return;
    try {
      const found = await api('/api/catalog/cooperatives/' + cooperative() + '/members', { headers: auth });
      list.replaceChildren(...found.items.map(member => el('li', { 'data-member': member.username },
        el('p', {}, el('strong', {}, member.name || member.username), ' · ', el('span', { dir: 'ltr' }, member.username),
          member.phone ? [' · ', el('span', { dir: 'ltr' }, member.phone)] : null, ' · ', member.manager ? t('manager') : t('member')),
        el('div', { class: 'actions' },
          el('button', { type: 'button', class: 'reset-access', onclick: async () => {
            try {
              showAccess(await api('/api/catalog/cooperatives/' + cooperative() + '/members/' + member.id + '/reset', { method: 'POST', headers: auth }));
            } catch (error) { message.textContent = errorMessage(error); }
          } }, t('resetAccess')),
          el('button', { type: 'button', class: 'send-sign-in-link', onclick: async () => {
            try {
              await api('/api/catalog/cooperatives/' + cooperative() + '/members/' + member.id + '/sign-in-link', { method: 'POST', headers: auth });
              issued.textContent = t('signInLinkSent').replace('{username}', member.username);
            } catch (error) { message.textContent = errorMessage(error); }
          } }, t('sendSignInLink')),
          el('button', { type: 'button', class: 'remove-member', onclick: async () => {
            if (!confirm(t('removeMemberConfirm'))) return;
            try {
              await api('/api/catalog/cooperatives/' + cooperative() + '/members/' + member.id, { method: 'DELETE', headers: auth });
              await refresh();
            } catch (error) { message.textContent = errorMessage(error); }
          } }, t('removeMember'))))));
    } catch (error) { message.textContent = errorMessage(error); }
  };
  const form = el('form', { class: 'checkout', id: 'add-member', onsubmit: async event => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      const access = await api('/api/catalog/cooperatives/' + cooperative() + '/members', { method: 'POST', headers: auth, body: {
        username: data.get('username'), name: data.get('memberName'), phone: data.get('phone') || null,
        email: data.get('email') || null, manager: data.get('manager') === 'on' } });
      showAccess(access);
      form.reset();
      await refresh();
    } catch (error) { message.textContent = errorMessage(error); }
  } },
    el('label', {}, t('username'), el('input', { name: 'username', required: true, dir: 'ltr', pattern: '[a-z0-9][a-z0-9._-]{2,59}' })),
    el('label', {}, t('memberName'), el('input', { name: 'memberName', required: true })),
    el('label', {}, t('phone'), el('input', { name: 'phone', type: 'tel', dir: 'ltr', pattern: '\\+[1-9][0-9]{7,14}' })),
    el('label', {}, t('email'), el('input', { name: 'email', type: 'email', dir: 'ltr' })),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'manager' }), t('manager')),
    el('button', { type: 'submit', id: 'add-member-submit' }, t('addMember')));
  section.append(el('label', {}, t('cooperative'), choice), issued, list, form);
  api('/api/catalog/cooperatives?lang=' + lang).then(all => {
    choice.replaceChildren(...all.items.map(coop => el('option', { value: coop.id }, localized(coop.name) || coop.name)));
    refresh();
  }).catch(error => { message.textContent = errorMessage(error); });
  return section;
}

/**
 * Fairs: the operator announces one (its id chosen here, so a retried form is the same fair) and
 * places verified cooperatives at their stands; each fair links to its page (docs/fairs.md).
 */
function fairsSection(auth, message) {
  const section = el('section', { id: 'fairs' });
  let fairId = crypto.randomUUID();
  const field = (name, label, attributes = {}) => el('label', {}, t(label), el('input', { name, required: true, ...attributes }));
  const form = el('form', { class: 'checkout', id: 'fair-form', onsubmit: async event => {
    event.preventDefault();
    const data = new FormData(form);
    const texts = (fr, ar) => Object.fromEntries([['fr', data.get(fr)], ['ar', data.get(ar)]].filter(([, v]) => v));
    try {
      await api('/api/catalog/fairs/' + fairId, { method: 'PUT', headers: auth, body: {
        slug: data.get('slug'), name: texts('nameFr', 'nameAr'), region: data.get('region'),
        city: texts('cityFr', 'cityAr'), venue: texts('venueFr', 'venueAr'), startsOn: data.get('startsOn'),
        endsOn: data.get('endsOn'), openingHours: data.get('openingHours') } });
      form.reset();
      fairId = crypto.randomUUID();
      message.textContent = t('saved');
      await refresh();
    } catch (error) { message.textContent = errorMessage(error); }
  } },
    el('h3', {}, t('announceFair')),
    field('slug', 'fairSlug', { dir: 'ltr', pattern: '[a-z0-9][a-z0-9\\-]{0,34}', placeholder: 'tetouan-2027' }),
    field('nameFr', 'nameFr'), field('nameAr', 'nameAr', { dir: 'rtl', required: false }),
    el('label', {}, t('region'), el('select', { name: 'region' }, Object.entries(t('regions')).map(([value, label]) => el('option', { value }, label)))),
    field('cityFr', 'cityFr'), field('cityAr', 'cityAr', { dir: 'rtl', required: false }),
    field('venueFr', 'venueFr'), field('venueAr', 'venueAr', { dir: 'rtl', required: false }),
    field('startsOn', 'startsOn', { type: 'date' }), field('endsOn', 'endsOn', { type: 'date' }),
    field('openingHours', 'openingHours', { placeholder: '10:00–22:00' }),
    el('button', { type: 'submit', id: 'save-fair' }, t('announceFair')));
  async function refresh() {
    try {
      // Revalidated (ETags make it cheap): the operator sees a change made a moment ago.
      const [fairs, cooperatives] = await Promise.all([api('/api/catalog/fairs?lang=' + lang, { cache: 'no-cache' }),
        api('/api/catalog/cooperatives?lang=' + lang, { cache: 'no-cache' })]);
      section.replaceChildren(el('h2', {}, t('fairs')), el('ul', { class: 'parts' }, fairs.items.map(fair => {
        const stand = el('input', { name: 'stand', required: true, maxlength: '12', 'aria-label': t('stand') });
        const coop = el('select', { name: 'cooperative', 'aria-label': t('cooperative') },
          cooperatives.items.map(c => el('option', { value: c.id }, localized(c.name))));
        return el('li', { 'data-fair': fair.slug },
          el('p', {}, el('a', { href: fair.page }, localized(fair.name)), ' · ', fair.startsOn, ' – ', fair.endsOn, ' · ',
            el('span', { dir: 'ltr' }, '?src=' + fair.campaignTag)),
          el('ul', {}, fair.exhibitors.map(exhibitor => el('li', {}, t('stand') + ' ' + exhibitor.stand + ' · ',
            exhibitor.name ? localized(exhibitor.name) : exhibitor.cooperativeId, ' ',
            el('button', { type: 'button', class: 'remove-exhibitor', onclick: async () => {
              try {
                await api('/api/catalog/fairs/' + fair.id + '/exhibitors/' + exhibitor.cooperativeId, { method: 'DELETE', headers: auth });
                await refresh();
              } catch (error) { message.textContent = errorMessage(error); }
            } }, t('remove'))))),
          el('form', { class: 'actions add-exhibitor', onsubmit: async event => {
            event.preventDefault();
            try {
              await api('/api/catalog/fairs/' + fair.id + '/exhibitors/' + coop.value, { method: 'PUT', headers: auth, body: { stand: stand.value } });
              await refresh();
            } catch (error) { message.textContent = errorMessage(error); }
          } }, coop, stand, el('button', { type: 'submit' }, t('addExhibitor'))),
          fairFigures(fair, auth, message));
      })), form);
    } catch (error) {
      section.replaceChildren(el('h2', {}, t('fairs')), status(errorMessage(error)), form);
    }
  }
  refresh();
  return section;
}

/** A file the APIs give only to the signed-in person (a CSV), saved under {@code name}. */
async function download(path, name, message, headers = bearer) {
  try {
    const response = await fetch(path, { headers });
    if (!response.ok) throw new ApiError(response.status, {});
    el('a', { href: URL.createObjectURL(await response.blob()), download: name }).click();
  } catch (error) { message.textContent = errorMessage(error); }
}

/**
 * What a fair brought, from the orders tagged with it: sales, buyers, the women-led share, what came
 * after it ended, the cooperatives by sales; a CSV for the awards.
 */
function fairFigures(fair, auth, message) {
  const box = el('div', { class: 'fair-figures' });
  const path = '/api/orders/ops/sources/' + fair.campaignTag;
  // The fair's last day ends at midnight in Morocco, an instant the server computes for the same
  // reason it says whether a fair is open today.
  const endedAt = fair.endedAt;
  box.append(el('button', { type: 'button', class: 'show-figures', onclick: async () => {
    try {
      const figures = await api(path + '?endedAt=' + encodeURIComponent(endedAt), { headers: auth });
      const totals = figures.totals;
      box.replaceChildren(
        el('p', {}, t('salesTotal') + ': ', el('strong', {}, price(totals.salesCentimes)), ' · ', totals.orders + ' ' + t('ordersCount'),
          ' · ' + totals.buyers + ' ' + t('buyers') + ' · ' + t('womenLedShare') + ' ' + totals.womenLedSharePercent + ' %',
          ' · ' + t('afterFair') + ': ' + totals.ordersAfterEnd + ' ' + t('ordersCount') + ', ', price(totals.salesAfterEndCentimes)),
        el('p', { class: 'pick-up-figures' }, t('collectedAtStands') + ': ', el('strong', {}, price(totals.pickupSalesCentimes)),
          ' · ' + totals.pickupOrders + ' ' + t('ordersCount')),
        el('p', { class: 'stand-figures' }, t('atStands') + ': ', el('strong', {}, price(totals.standSalesCentimes)),
          ' · ' + totals.standItems + ' ' + t('items')),
        // The awards' two lists: the cooperatives that sold most, and those most people bought from.
        el('h4', {}, t('topBySales')), topCooperatives(figures.byCooperative, (a, b) => b.salesCentimes - a.salesCentimes),
        el('h4', {}, t('topByBuyers')), topCooperatives(figures.byCooperative, (a, b) => b.buyers - a.buyers),
        el('button', { type: 'button', onclick: () => download(path + '?format=csv', fair.campaignTag + '.csv', message) },
          t('downloadCsv')));
    } catch (error) { message.textContent = errorMessage(error); }
  } }, t('figures')));
  return box;
}

/** The first ten cooperatives of a fair's figures, sorted by `order`. */
function topCooperatives(cooperatives, order) {
  return el('ol', {}, [...cooperatives].sort(order).slice(0, 10).map(coop => el('li', {},
    localized(coop.name) + ' · ', price(coop.salesCentimes), ' · ' + coop.buyers + ' ' + t('buyers'),
    coop.standSalesCentimes ? [' · ' + t('atStands') + ' ', price(coop.standSalesCentimes)] : null)));
}

/**
 * Sales at the stand of today's fair, recorded from a phone: the product, how many, what the buyer
 * paid. Each sale gets its key when it is typed and is kept on the phone until the server has it,
 * sent again with the same key when the connection comes back, so that it is counted once.
 */
async function standSalesSection(section, coop, auth) {
  const path = '/api/catalog/cooperatives/' + coop + '/stand-sales';
  let today;
  try {
    today = await api(path, { headers: auth, cache: 'no-store' });
  } catch (error) {
    return; // not at a fair today (or offline): nothing to record
  }
  const own = await api('/api/catalog/cooperatives/' + coop + '/products?lang=' + lang, { headers: auth });
  const names = Object.fromEntries(own.items.map(product => [product.id, localized(product.name)]));
  const message = status('');
  const list = el('ul', { id: 'stand-sale-list' });
  const total = el('p', { id: 'stand-total' });
  const show = sales => {
    total.textContent = t('standTotal').replace('{count}', sales.quantity).replace('{amount}', price(sales.amountCentimes));
    list.replaceChildren(...sales.items.slice(0, 20).map(sale => el('li', {},
      sale.quantity + ' × ' + (names[sale.product] || '') + ' · ', price(sale.amountCentimes),
      sale.via === 'SMS' ? ' · SMS' : '')));
  };
  let sending = false;
  const send = async () => {
    if (sending) return;
    sending = true;
    try {
      await sendQueued();
    } finally {
      sending = false;
    }
  };
  const sendQueued = async () => {
    for (const pending of standSaleQueue.of(coop)) {
      try {
        const sale = await api(path, { method: 'POST', headers: { ...auth, 'Idempotency-Key': pending.key }, body: pending.body });
        standSaleQueue.remove(pending.key);
        message.textContent = t('standSaleRecorded').replace('{count}', sale.quantity).replace('{product}', names[sale.product] || '')
          .replace('{left}', sale.stockAvailable);
      } catch (error) {
        if (error instanceof ApiError && error.status < 500) {
          standSaleQueue.remove(pending.key);
          message.textContent = errorMessage(error);
        } else {
          message.textContent = t('standSaleKept');
          return;
        }
      }
    }
    show(await api(path, { headers: auth, cache: 'no-store' }));
  };
  const form = el('form', { class: 'checkout', id: 'stand-sale', onsubmit: async event => {
    event.preventDefault();
    const data = new FormData(form);
    const amount = String(data.get('amount') || '').trim();
    const centimes = amount ? toCentimes(amount) : null;
    if (amount && centimes === null) { message.textContent = t('badPrice'); return; }
    standSaleQueue.add(coop, { product: data.get('product'), quantity: Number(data.get('quantity')), amountCentimes: centimes });
    form.reset();
    await send();
  } },
    el('label', {}, t('product'), el('select', { name: 'product', required: true },
      own.items.map(product => el('option', { value: product.id },
        (today.numbers[product.id] ? today.numbers[product.id] + ' · ' : '') + localized(product.name))))),
    el('label', {}, t('quantity'), el('input', { name: 'quantity', type: 'number', min: '1', max: '1000', value: '1', required: true, inputmode: 'numeric' })),
    el('label', {}, t('standAmount'), el('input', { name: 'amount', inputmode: 'decimal', dir: 'ltr' })),
    el('button', { type: 'submit', id: 'record-stand-sale' }, t('recordStandSale')));
  section.replaceChildren(el('h2', {}, t('standSales').replace('{stand}', today.fair.stand).replace('{fair}', localized(today.fair.name))),
    form, el('p', { class: 'hint' }, t('standSaleBySms')), message, total, list);
  section.hidden = false;
  show(today);
  if (standSaleQueue.of(coop).length) send();
  // Sent again when the phone says the network is back, and every 10 seconds while some wait.
  window.addEventListener('online', send);
  const retry = setInterval(() => {
    if (!section.isConnected) clearInterval(retry);
    else if (standSaleQueue.of(coop).length) send();
  }, 10000);
}

/** Stand sales typed but not yet acknowledged by the server, with their keys, on this phone. */
const standSaleQueue = {
  all: () => JSON.parse(localStorage.getItem('tadamon.standSales') || '[]'),
  of(coop) { return this.all().filter(sale => sale.coop === coop); },
  add(coop, body) {
    localStorage.setItem('tadamon.standSales', JSON.stringify([...this.all(), { key: crypto.randomUUID(), coop, body }]));
  },
  remove(key) {
    localStorage.setItem('tadamon.standSales', JSON.stringify(this.all().filter(sale => sale.key !== key)));
  },
};

/** The fairs a cooperative exhibits at, with its stand and the poster to print for it. */
async function myFairs(section, coop) {
  try {
    const fairs = (await api('/api/catalog/fairs?lang=' + lang)).items
      .map(fair => ({ fair, stand: fair.exhibitors.find(e => e.cooperativeId === coop) })).filter(f => f.stand);
    section.replaceChildren(el('h2', {}, t('myFairs')), fairs.length ? el('ul', {}, fairs.map(({ fair, stand }) =>
      el('li', { 'data-fair': fair.slug }, el('a', { href: fair.page }, localized(fair.name)), ' · ', fair.startsOn, ' – ', fair.endsOn,
        ' · ' + t('stand') + ' ' + stand.stand + ' · ', el('a', { class: 'fair-poster', href: stand.poster }, t('printPoster')))))
      : el('p', {}, t('nothing')));
  } catch (error) {
    section.replaceChildren(el('h2', {}, t('myFairs')), status(errorMessage(error)));
  }
}

function registrationForm(auth, message, registered) {
  const field = (name, label, attributes = {}) => el('label', {}, t(label), el('input', { name, required: true, ...attributes }));
  const form = el('form', { class: 'checkout', id: 'register', onsubmit: async event => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      await api('/api/catalog/cooperatives', { method: 'POST', headers: auth, body: {
        name: { fr: data.get('nameFr'), ar: data.get('nameAr') }, story: { fr: data.get('nameFr') },
        region: data.get('region'), city: { fr: data.get('cityFr'), ar: data.get('cityAr') }, phone: data.get('phone'), email: data.get('email') || null,
        registrationNumber: data.get('registrationNumber'), foundedYear: Number(data.get('foundedYear')),
        members: Number(data.get('members')), womenLed: data.get('womenLed') === 'on',
        preferredLanguage: data.get('preferredLanguage'), notificationChannels: data.getAll('channels'),
        seller: { ice: data.get('ice') || null, taxId: data.get('taxId') || null, returnAddress: data.get('returnAddress') } } });
      form.reset();
      message.textContent = t('registered');
      await registered();
    } catch (error) { message.textContent = errorMessage(error); }
  } },
    el('h2', {}, t('register')),
    field('nameFr', 'nameFr'), field('nameAr', 'nameAr', { dir: 'rtl' }),
    el('label', {}, t('region'), el('select', { name: 'region' }, Object.entries(t('regions')).map(([value, label]) => el('option', { value }, label)))),
    field('cityFr', 'cityFr'), field('cityAr', 'cityAr', { dir: 'rtl' }), field('phone', 'phone', { type: 'tel', dir: 'ltr', pattern: '\\+[1-9][0-9]{7,14}' }),
    field('email', 'email', { type: 'email', required: false }), field('registrationNumber', 'registrationNumber', { dir: 'ltr' }),
    field('ice', 'ice', { required: false, dir: 'ltr', pattern: '[0-9]{15}', inputmode: 'numeric' }),
    field('taxId', 'taxId', { required: false, dir: 'ltr', pattern: '[0-9]{1,10}', inputmode: 'numeric' }),
    field('returnAddress', 'returnAddress', { maxlength: '300' }),
    field('foundedYear', 'foundedYear', { type: 'number', min: '1900', max: '2100' }),
    field('members', 'membersCount', { type: 'number', min: '1' }),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'womenLed' }), t('womenLed')),
    el('label', {}, t('language'), el('select', { name: 'preferredLanguage' },
      ['ar', 'fr', 'en'].map(code => el('option', { value: code }, { ar: 'العربية', fr: 'Français', en: 'English' }[code])))),
    el('fieldset', {}, el('legend', {}, t('notifyBy')), ['sms', 'email', 'webhook'].map(channel =>
      el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'channels', value: channel, checked: channel === 'sms' }), channel.toUpperCase()))),
    el('button', { type: 'submit', id: 'register-cooperative' }, t('register')));
  return form;
}

document.querySelectorAll('[data-lang]').forEach(link => link.addEventListener('click', chooseLanguage));
rememberCampaign();
window.addEventListener('hashchange', route);
window.addEventListener('tadamon-signed-out', route);
// Back from Keycloak with a code: signed in before the first page is drawn.
session.completeSignIn().catch(() => false).finally(() => setLanguage(lang));

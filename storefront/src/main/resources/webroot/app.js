// The product list of the storefront: no framework, a few kilobytes, usable on a weak connection.
const TEXT = {
  ar: { title: 'منتجات التعاونيات المغربية', more: 'المزيد', loading: 'جار التحميل…', error: 'تعذر تحميل المنتجات. حاولوا مرة أخرى.', womenLed: 'تعاونية نسائية', soldOut: 'نفد المخزون' },
  fr: { title: 'Produits des coopératives du Maroc', more: 'Plus de produits', loading: 'Chargement…', error: 'Impossible de charger les produits. Réessayez.', womenLed: 'Coopérative de femmes', soldOut: 'Épuisé' },
  en: { title: "Products of Morocco's cooperatives", more: 'More products', loading: 'Loading…', error: 'The products could not be loaded. Please try again.', womenLed: 'Women-led cooperative', soldOut: 'Sold out' },
};
const LOCALES = { ar: 'ar-MA', fr: 'fr-MA', en: 'en-GB' };
let lang = localStorage.getItem('tadamon.lang') || 'fr';
let cursor = null;

function price(centimes) {
  // Integer centimes to MAD for display only; Western digits in every language, chosen deliberately.
  return new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency: 'MAD', numberingSystem: 'latn' })
    .format(centimes / 100);
}

function card(product) {
  const li = document.createElement('li');
  li.className = 'card';
  const name = product.name[lang] || product.name.fr;
  const coop = product.cooperativeName[lang] || product.cooperativeName.fr;
  li.innerHTML = '<h2></h2><p class="coop"></p><p><span class="price"></span> · <span class="unit"></span></p>';
  li.querySelector('h2').textContent = name;
  li.querySelector('.coop').textContent = coop;
  li.querySelector('.price').textContent = price(product.priceCentimes);
  li.querySelector('.unit').textContent = product.unit;
  if (product.womenLed) li.append(badge(TEXT[lang].womenLed));
  if (!product.available) li.append(badge(TEXT[lang].soldOut));
  return li;
}

function badge(text) {
  const span = document.createElement('span');
  span.className = 'badge';
  span.textContent = text;
  return span;
}

async function load(reset) {
  const status = document.getElementById('status');
  const list = document.getElementById('products');
  if (reset) { list.replaceChildren(); cursor = null; }
  status.textContent = TEXT[lang].loading;
  try {
    const query = new URLSearchParams({ lang, limit: '24' });
    if (cursor) query.set('cursor', cursor);
    const response = await fetch('/api/catalog/products?' + query);
    if (!response.ok) throw new Error(String(response.status));
    const page = await response.json();
    page.items.forEach(product => list.append(card(product)));
    cursor = page.nextCursor;
    document.getElementById('more').hidden = !cursor;
    status.textContent = '';
  } catch (e) {
    status.textContent = TEXT[lang].error;
  }
}

function setLanguage(next) {
  lang = next;
  localStorage.setItem('tadamon.lang', lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  document.getElementById('title').textContent = TEXT[lang].title;
  document.getElementById('more').textContent = TEXT[lang].more;
  document.querySelectorAll('nav button').forEach(b => b.setAttribute('aria-pressed', String(b.dataset.lang === lang)));
  load(true);
}

document.querySelectorAll('nav button').forEach(b => b.addEventListener('click', () => setLanguage(b.dataset.lang)));
document.getElementById('more').addEventListener('click', () => load(false));
setLanguage(lang);

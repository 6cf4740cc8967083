/**
 * The built-in sample catalog, generated deterministically in DuckDB SQL at startup from
 * `range()` and a fixed integer hash (no downloads); its tables are described in the README.
 *
 * @module
 */

/** Catalog of the built-in sample data (`local`). */
export const SAMPLE_CATALOG = 'local'
/** Schema of the built-in sample data (`demo`). */
export const SAMPLE_SCHEMA = 'demo'

const T = `${SAMPLE_CATALOG}.${SAMPLE_SCHEMA}`

export const SAMPLE_ROW_COUNTS = Object.freeze({
  customers: 1_000,
  products: 50,
  orders: 10_000,
  type_showcase: 8,
})

const TYPE_SHOWCASE_COLUMNS = `
  id INTEGER, label VARCHAR, tiny_col TINYINT, small_col SMALLINT, int_col INTEGER,
  big_col BIGINT, huge_col HUGEINT, ubig_col UBIGINT, uint_col UINTEGER,
  float_col FLOAT, double_col DOUBLE,
  dec_38_0 DECIMAL(38,0), dec_38_10 DECIMAL(38,10), dec_10_2 DECIMAL(10,2), dec_18_6 DECIMAL(18,6),
  bool_col BOOLEAN, str_col VARCHAR, blob_col BLOB, date_col DATE, ts_col TIMESTAMP,
  tstz_col TIMESTAMPTZ, time_col TIME, interval_col INTERVAL, uuid_col UUID, json_col JSON,
  list_col INTEGER[], map_col MAP(VARCHAR, INTEGER), struct_col STRUCT(a INTEGER, b VARCHAR)`

const TYPE_SHOWCASE_ROWS = `
  (1, 'max', 127, 32767, 2147483647,
   9223372036854775807, 9223372036854775807, 9223372036854775807, 4294967295,
   3.4028235e38, 1.7976931348623157e308,
   99999999999999999999999999999999999999, 9999999999999999999999999999.9999999999,
   99999999.99, 999999999999.999999,
   true, 'plain ascii', '\\x00\\x01\\xFF'::BLOB, DATE '9999-12-31',
   TIMESTAMP '2038-01-19 03:14:08.000001', TIMESTAMPTZ '2026-02-12 00:00:00.123456+00',
   TIME '23:59:59.999999', INTERVAL '1 year 2 months 3 days 04:05:06',
   'ffffffff-ffff-ffff-ffff-ffffffffffff', '{"a": 1, "b": [true, null]}',
   [1, 2, 3], MAP {'a': 1, 'b': 2}, {'a': 1, 'b': 'x'}),
  (2, 'min', -128, -32768, -2147483648,
   -9223372036854775808, -9223372036854775808, 0, 0,
   -3.4028235e38, -1.7976931348623157e308,
   -99999999999999999999999999999999999999, -9999999999999999999999999999.9999999999,
   -99999999.99, -999999999999.999999,
   false, '', ''::BLOB, DATE '0001-01-01',
   TIMESTAMP '1900-01-01 00:00:00', TIMESTAMPTZ '1969-12-31 23:59:59.999999+00',
   TIME '00:00:00', INTERVAL '-1 day',
   '00000000-0000-0000-0000-000000000000', '[]',
   [], MAP {}, {'a': NULL, 'b': NULL}),
  (3, 'special', 0, 0, 0, 0, 0, 1, 1,
   'NaN'::FLOAT, 'NaN'::DOUBLE,
   0, 0.0000000001, 0.01, 0.000001,
   true, '😀 漢字 é Ω', '\\xDE\\xAD\\xBE\\xEF'::BLOB, DATE '1969-12-31',
   TIMESTAMP '1969-12-31 23:59:59.999999', TIMESTAMPTZ '2026-02-12 05:30:00.123456+05:30',
   TIME '12:00:00', INTERVAL '90 minutes',
   '12345678-1234-5678-1234-567812345678', '"text"',
   [NULL, 4], MAP {'k': NULL}, {'a': -1, 'b': 'ü'}),
  (4, 'infinity', 1, 1, 1, 1, 1, 1, 1,
   'Infinity'::FLOAT, 'Infinity'::DOUBLE,
   12345678901234567890123456789012345678, 1234567890123456789012345678.1234567890,
   123.45, 123456.789012,
   false, 'nul' || chr(0) || 'byte', 'A'::BLOB, DATE '2040-02-29',
   TIMESTAMP '2040-02-29 12:34:56.789012', TIMESTAMPTZ '2040-02-29 12:34:56.789012+00',
   TIME '01:02:03', INTERVAL '0 seconds',
   'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'null',
   [7], MAP {'x': 7}, {'a': 7, 'b': NULL}),
  (5, '-infinity', -1, -1, -1, -1, -1, 2, 2,
   '-Infinity'::FLOAT, '-Infinity'::DOUBLE,
   -1234567890123456789012345678901234567, -0.0000000001, -0.01, -0.000001,
   true, 'ｆｕｌｌ｜ｗｉｄｔｈ ñ 𝄞', '\\x7F'::BLOB, DATE '1900-02-28',
   TIMESTAMP '1969-12-30 23:59:59.999999', TIMESTAMPTZ '1970-01-01 00:00:00.001+00',
   TIME '23:00:00', INTERVAL '1 microsecond',
   'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', '{}',
   [-1, -2], MAP {'neg': -1}, {'a': -7, 'b': ''}),
  (6, 'epoch', 0, 0, 0, 0, 0, 0, 0,
   0.5, -0.0,
   2451072, 0, 0, 0,
   false, 'epoch', '\\x00'::BLOB, DATE '1970-01-01',
   TIMESTAMP '1970-01-01 00:00:00', TIMESTAMPTZ '1970-01-01 00:00:00+00',
   TIME '00:00:00', INTERVAL '0 days',
   '00000000-0000-0000-0000-000000000001', '0',
   [0], MAP {'zero': 0}, {'a': 0, 'b': '0'}),
  (7, 'typical', 42, 4242, 424242, 4242424242, 42, 42, 42,
   1.5, 3.141592653589793,
   42, 42.4200000000, 42.42, 42.424242,
   true, 'Grüße, 世界', 'hello'::BLOB, DATE '2026-02-12',
   TIMESTAMP '2026-02-12 00:00:00.123456', TIMESTAMPTZ '2026-02-12 00:00:00.123456+00',
   TIME '10:30:00', INTERVAL '2 hours',
   'c0eebc99-9c0b-4ef8-bb6d-6bb9bd380a13', '{"k": "v"}',
   [4, 2], MAP {'answer': 42}, {'a': 42, 'b': 'forty-two'}),
  (8, 'nulls', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`

export interface SampleDataScript {
  /** Run first: the catalog and schema. */
  readonly setup: readonly string[]
  /** The small tables (run in order, concurrently with {@link SampleDataScript.big}). */
  readonly small: readonly string[]
  /** The big `events` table: one CREATE TABLE … AS SELECT over `range()`. */
  readonly big: readonly string[]
}

/** Prices of the product catalogue, in product order (events draw amounts from them). */
const PRODUCTS: readonly (readonly [name: string, category: string, price: string])[] = [
  ['Ceramic Pour-Over Coffee Set', 'kitchen', '34.50'],
  ['Cast Iron Skillet 26 cm', 'kitchen', '41.90'],
  ["Chef's Knife 20 cm", 'kitchen', '89.00'],
  ['Bamboo Cutting Board', 'kitchen', '24.95'],
  ['Stainless Steel French Press', 'kitchen', '29.99'],
  ['Enamel Dutch Oven 5.5 L', 'kitchen', '119.00'],
  ['Linen Duvet Cover, Queen', 'home', '129.00'],
  ['Merino Throw Blanket', 'home', '79.50'],
  ['Cedar Soy Candle', 'home', '18.00'],
  ['Ceramic Table Lamp', 'home', '64.00'],
  ['Cotton Bath Towel Set', 'home', '39.90'],
  ['Wireless Noise-Cancelling Headphones', 'electronics', '249.00'],
  ['Bluetooth Speaker Mini', 'electronics', '49.99'],
  ['USB-C Charger 65 W', 'electronics', '39.00'],
  ['Mechanical Keyboard TKL', 'electronics', '119.90'],
  ['27" 4K Monitor', 'electronics', '379.00'],
  ['Smart LED Bulb 4-Pack', 'electronics', '34.99'],
  ['The Pragmatic Programmer', 'books', '42.00'],
  ['Designing Data-Intensive Applications', 'books', '54.50'],
  ['Salt, Fat, Acid, Heat', 'books', '35.00'],
  ['The Overstory', 'books', '18.99'],
  ['Atomic Habits', 'books', '16.20'],
  ['Ultralight 2-Person Tent', 'outdoor', '289.00'],
  ['Down Sleeping Bag -5 °C', 'outdoor', '199.00'],
  ['Carbon Trekking Poles', 'outdoor', '89.95'],
  ['Insulated Water Bottle 750 ml', 'outdoor', '27.50'],
  ['Headlamp 400 lm', 'outdoor', '32.00'],
  ['Yoga Mat 5 mm', 'sports', '38.00'],
  ['Adjustable Dumbbells 24 kg', 'sports', '229.00'],
  ['Trail Running Shoes', 'sports', '134.95'],
  ['Resistance Bands Set', 'sports', '22.50'],
  ['Cycling Gloves', 'sports', '29.00'],
  ['Wooden Train Set', 'toys', '59.00'],
  ['Building Bricks Space Station', 'toys', '79.99'],
  ['Plush Fox 45 cm', 'toys', '24.00'],
  ['Strategy Board Game', 'toys', '44.90'],
  ['Jigsaw Puzzle 1000 Pieces', 'toys', '19.95'],
  ['Vitamin C Serum 30 ml', 'beauty', '28.00'],
  ['Shea Body Butter', 'beauty', '16.50'],
  ['Bamboo Toothbrush 4-Pack', 'beauty', '9.99'],
  ['Mineral Sunscreen SPF 50', 'beauty', '21.00'],
  ['Ceramic Planter 30 cm', 'garden', '36.00'],
  ['Bypass Pruning Shears', 'garden', '27.90'],
  ['Cedar Raised Garden Bed', 'garden', '149.00'],
  ['Heirloom Seed Collection', 'garden', '14.50'],
  ['Merino Wool Beanie', 'apparel', '24.00'],
  ['Waterproof Rain Jacket', 'apparel', '159.00'],
  ['Organic Cotton T-Shirt', 'apparel', '25.00'],
  ['Selvedge Denim Jeans', 'apparel', '119.00'],
  ['Wool Hiking Socks 3-Pack', 'apparel', '29.50'],
]

const FIRST_NAMES = [
  'James',
  'Mary',
  'Olivia',
  'Liam',
  'Noah',
  'Emma',
  'Ava',
  'Sophia',
  'Lucas',
  'Mia',
  'Amara',
  'Chidi',
  'Priya',
  'Arjun',
  'Ananya',
  'Rohan',
  'Kenji',
  'Yuki',
  'Haruto',
  'Sakura',
  'Wei',
  'Mei',
  'Jun',
  'Hana',
  'Lukas',
  'Lena',
  'Felix',
  'Anna',
  'Jonas',
  'Clara',
  'Mateo',
  'Sofia',
  'Diego',
  'Valentina',
  'Camila',
  'Gabriel',
  'Lucia',
  'Hugo',
  'Chloé',
  'Louis',
  'Manon',
  'Jules',
  'Oliver',
  'Amelia',
  'George',
  'Isla',
  'Harry',
  'Freya',
  'Ethan',
  'Aisha',
  'Omar',
  'Fatima',
  'Yusuf',
  'Layla',
  'Daniel',
  'Sarah',
  'David',
  'Leah',
  'Samuel',
  'Nora',
  'Elias',
  'Ingrid',
  'Lars',
  'Astrid',
  'Mateus',
  'Beatriz',
  'Thiago',
  'Larissa',
  'Ravi',
  'Meera',
  'Kofi',
  'Zara',
  'Ivan',
  'Elena',
  'Marco',
  'Giulia',
  'Sven',
  'Maja',
  'Tomás',
  'Emily',
]
const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Garcia',
  'Miller',
  'Davis',
  'Martinez',
  'Lopez',
  'Wilson',
  'Anderson',
  'Taylor',
  'Thomas',
  'Moore',
  'Martin',
  'Lee',
  'Walker',
  'Hall',
  'Young',
  'King',
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Becker',
  'Wagner',
  'Hoffmann',
  'Dubois',
  'Bernard',
  'Moreau',
  'Laurent',
  'Lefèvre',
  'Rossi',
  'Russo',
  'Ferrari',
  'Bianchi',
  'Romano',
  'Silva',
  'Santos',
  'Oliveira',
  'Costa',
  'Pereira',
  'Fernández',
  'González',
  'Rodríguez',
  'Sánchez',
  'Ramírez',
  'Torres',
  'Patel',
  'Sharma',
  'Iyer',
  'Reddy',
  'Gupta',
  'Nair',
  'Singh',
  'Tanaka',
  'Suzuki',
  'Sato',
  'Takahashi',
  'Watanabe',
  'Kim',
  'Park',
  'Chen',
  'Wang',
  'Liu',
  'Nguyen',
  'Tran',
  'Okafor',
  'Mensah',
  'Adeyemi',
  'Haddad',
  'Khan',
  'Novak',
  'Kowalski',
  'Jansen',
  'de Vries',
  'Larsen',
  "O'Brien",
  'Murphy',
]
/** Country, share of customers (%), cities (the first is the most common). */
const COUNTRIES: readonly (readonly [string, number, readonly string[]])[] = [
  [
    'US',
    27,
    ['New York', 'Los Angeles', 'Chicago', 'Houston', 'Seattle', 'Austin', 'Boston', 'Denver'],
  ],
  ['GB', 11, ['London', 'Manchester', 'Birmingham', 'Edinburgh', 'Bristol', 'Leeds']],
  ['DE', 10, ['Berlin', 'Munich', 'Hamburg', 'Cologne', 'Frankfurt', 'Stuttgart']],
  ['IN', 10, ['Bengaluru', 'Mumbai', 'Delhi', 'Chennai', 'Hyderabad', 'Pune']],
  ['FR', 7, ['Paris', 'Lyon', 'Marseille', 'Toulouse', 'Nantes', 'Lille']],
  ['CA', 7, ['Toronto', 'Vancouver', 'Montreal', 'Calgary', 'Ottawa']],
  ['BR', 6, ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Curitiba', 'Porto Alegre']],
  ['JP', 6, ['Tokyo', 'Osaka', 'Yokohama', 'Nagoya', 'Fukuoka', 'Sapporo']],
  ['AU', 5, ['Sydney', 'Melbourne', 'Brisbane', 'Perth', 'Adelaide']],
  ['ES', 4, ['Madrid', 'Barcelona', 'Valencia', 'Seville', 'Bilbao']],
  ['NL', 4, ['Amsterdam', 'Rotterdam', 'Utrecht', 'The Hague', 'Eindhoven']],
  ['MX', 3, ['Mexico City', 'Guadalajara', 'Monterrey', 'Puebla']],
]
const EMAIL_DOMAINS = [
  'gmail.com',
  'outlook.com',
  'yahoo.com',
  'icloud.com',
  'proton.me',
  'gmx.net',
]

const lit = (text: string) => `'${text.replaceAll("'", "''")}'`
const list = (items: readonly string[]) => `[${items.map(lit).join(', ')}]`

/** `CASE` picking a country by its share from a uniform draw `u`. */
function countryCase(u: string): string {
  let cumulative = 0
  const arms = COUNTRIES.map(([code, share]) => {
    cumulative += share
    return `WHEN ${u} < ${cumulative / 100} THEN ${lit(code)}`
  })
  return `CASE ${arms.join(' ')} END`
}

function cityCase(country: string, u: string): string {
  // skewed towards the first (largest) city of each country
  const arms = COUNTRIES.map(
    ([code, , cities]) =>
      `WHEN ${lit(code)} THEN ${list(cities)}[1 + floor(${cities.length} * pow(${u}, 1.6))::INTEGER]`,
  )
  return `CASE ${country} ${arms.join(' ')} END`
}

// Each warp t ↦ t − a·sin(2π(f·t − p))/(2π·f) is increasing (a < 1) and puts a density peak
// where f·t − p is whole; applied slowest first, so that the faster rhythms keep their phase:
// a yearly peak in late November/December, a weekly one on Sunday, a daily one in the evening.
const WARPS: readonly (readonly [amplitude: number, frequency: number, phase: number])[] = [
  [0.25, 1, 330 / 366],
  [0.15, 366 / 7, 5.3 / 7],
  [0.65, 366, 5 / 24],
]
const warpAt = (x: number) =>
  WARPS.reduce(
    (t, [a, f, p]) => t - (a * Math.sin(2 * Math.PI * (f * t - p))) / (2 * Math.PI * f),
    x,
  )

/**
 * SQL adding a 31-bit hash column `h` of the integer column `i` to `from` (a murmur3-style
 * finaliser in BIGINT arithmetic that cannot overflow, staged so that DuckDB evaluates each step
 * once; the same on every DuckDB version, unlike `hash()` or a seeded `random()`).
 */
function withHash(from: string, salt: number): string {
  return `SELECT * EXCLUDE (h1), xor(h1, h1 >> 13) AS h FROM (
    SELECT * EXCLUDE (h0), (xor(h0, h0 >> 15) * 2246822519) % 2147483648 AS h1 FROM (
    SELECT *, ((i + ${salt * 1_000_003}) * 2654435761) % 2147483648 AS h0 FROM (${from})))`
}

/**
 * `from` (which has an integer column `i`) plus uniform columns in [0, 1) named `names`, all
 * remixed from one hash of `i`.
 */
function withUniforms(from: string, salt: number, names: readonly string[]): string {
  const multipliers = [1103515245, 2654435761, 3266489917, 2246822519, 2891336453, 1597334677]
  const draws = names.map((n, k) => `(h * ${multipliers[k]}) % 2147483648 / 2147483648 AS ${n}`)
  return `SELECT * EXCLUDE (h), ${draws.join(', ')} FROM (${withHash(from, salt)})`
}

/**
 * The big `events` table, shared with the end-to-end benchmark's in-process DuckDB baseline so
 * both read identical data.
 */
export function eventsTableSql(qualifiedName: string, rows: number): string {
  const n = Math.max(0, Math.floor(rows))
  // amounts for 1, 2 and 3 items of each product, rounded here rather than per row
  const amounts = `([${[1, 2, 3]
    .flatMap((q) =>
      PRODUCTS.map(([, , price]) => (Math.round(Number(price) * q * 100) / 100).toString()),
    )
    .join(', ')}]::DOUBLE[])`
  // (i + jitter) / n through the WARPS: a closed form on range(0, n) (a window/unnest pass over
  // weighted hours cost more)
  let timed = `SELECT *, (i + (h % 1024) / 1024) / ${Math.max(n, 1)} AS w FROM (${withHash(`SELECT i FROM range(0, ${n}) t(i)`, 5)})`
  for (const [a, freq, phase] of WARPS) {
    timed = `SELECT * REPLACE (w - ${(a / (2 * Math.PI * freq)).toExponential()} * sin(${(2 * Math.PI).toExponential()} * (${freq.toExponential()} * w - ${phase.toExponential()})) AS w) FROM (${timed})`
  }
  const t0 = warpAt(0)
  const scale = (366 * 86_400_000_000) / (warpAt(1) - t0)
  // integer arithmetic only, on bit fields of one hash h per row (startup time is dominated by
  // this table): k → customer rank, t → type, p → product, q → quantity
  return `CREATE TABLE ${qualifiedName} AS
     SELECT i AS event_id,
       -- activity skewed towards some customers: rank density 0.4 … 1.6 (x · (0.4 + 0.6 x), x = k/1024)
       (1 + (1000 * k * (2048 + 3 * k) // 5242880 * 337) % 1000)::BIGINT AS customer_id,
       make_timestamp(1704067200000000 + ((w - ${t0.toExponential()}) * ${scale.toExponential()})::BIGINT) AS event_time,
       CASE WHEN t < 56 THEN 'view' WHEN t < 80 THEN 'click' WHEN t < 92 THEN 'add_to_cart'
         WHEN t < 98 THEN 'purchase' ELSE 'refund' END AS event_type,
       CASE WHEN t >= 56 THEN ${amounts}[1 + p
         + CASE WHEN t >= 92 AND t < 98 THEN 50 * ((q >= 16)::INTEGER + (q >= 19)::INTEGER) ELSE 0 END]
       END AS amount
     FROM (SELECT i, w, (h >> 7) % 1024 AS k, (h >> 17) % 100 AS t, h % 50 AS p, (h >> 24) % 20 AS q
       FROM (${timed}))`
}

/**
 * `setup` runs first; `small` and `big` may then run concurrently on two connections (startup time
 * is dominated by `events`).
 */
export function sampleDataScript(bigTableRows: number): SampleDataScript {
  const rows = Math.max(0, Math.floor(bigTableRows))
  return {
    setup: [`ATTACH ':memory:' AS ${SAMPLE_CATALOG}`, `CREATE SCHEMA ${T}`],
    small: [
      `CREATE TABLE ${T}.products AS
     SELECT product_id::INTEGER AS product_id, name, category, unit_price::DECIMAL(10,2) AS unit_price
     FROM (VALUES ${PRODUCTS.map(([name, category, price], i) => `(${i + 1}, ${lit(name)}, ${lit(category)}, ${price})`).join(', ')})
       t(product_id, name, category, unit_price)
     ORDER BY product_id`,
      // days of 2023–2024 weighted by growth, weekday, and the November/December peak; orders
      // are spread over them by inverse CDF, and over customers by a heavy-tailed popularity
      `CREATE TABLE ${T}.orders AS
     WITH days AS (
       SELECT d, DATE '2023-01-01' + d::INTEGER AS day,
         (1 + 0.6 * d / 730)
         * ([1.02, 0.96, 0.97, 0.99, 0.93, 1.12, 1.21])[isodow(DATE '2023-01-01' + d::INTEGER)]
         * (1 + 0.10 * cos(2 * pi() * (dayofyear(DATE '2023-01-01' + d::INTEGER) - 20) / 365)
            + 1.1 * exp(-pow((dayofyear(DATE '2023-01-01' + d::INTEGER) - 332) / 9.0, 2))
            + 0.7 * exp(-pow((dayofyear(DATE '2023-01-01' + d::INTEGER) - 350) / 7.0, 2)))
         * CASE WHEN strftime(DATE '2023-01-01' + d::INTEGER, '%m-%d') IN ('12-25', '01-01')
             THEN 0.35 ELSE 1 END AS w
       FROM range(0, 731) t(d)),
     day_cdf AS (
       SELECT day, (sum(w) OVER (ORDER BY d) - w) / sum(w) OVER () AS lo FROM days),
     ranks AS (
       SELECT i AS r, pow(i + 20, -0.7) AS w
       FROM (${withUniforms('SELECT i FROM range(0, 1000) t(i)', 31, ['never'])}) WHERE never >= 0.06),
     rank_cdf AS (
       SELECT r, (sum(w) OVER (ORDER BY r) - w) / sum(w) OVER () AS lo FROM ranks),
     o AS (
       SELECT i, (i - 0.5) / 10000 AS x, y, u, us, ut
       FROM (${withUniforms('SELECT i FROM range(1, 10001) t(i)', 11, ['y', 'u', 'us', 'ut'])})),
     dated AS (
       SELECT o.i, o.u, o.us, o.ut, c.day, k.r, DATE '2025-01-01' - c.day AS age
       FROM o ASOF JOIN day_cdf c ON o.x >= c.lo ASOF JOIN rank_cdf k ON o.y >= k.lo),
     stated AS (
       SELECT *, CASE WHEN u < 0.03 THEN 'cancelled' WHEN age <= 2 THEN 'placed'
           WHEN age <= 6 THEN 'shipped' WHEN u < 0.075 THEN 'returned' ELSE 'delivered' END AS status
       FROM dated)
     SELECT i::BIGINT AS order_id, (1 + (r * 337) % 1000)::BIGINT AS customer_id,
       day AS order_date, status,
       CASE WHEN status IN ('shipped', 'delivered', 'returned')
         THEN (day + (1 + floor(3 * us))::INTEGER)::TIMESTAMP
           + to_seconds((25200 + floor(50400 * ut))::BIGINT)
       END AS shipped_at
     FROM stated ORDER BY order_id`,
      `CREATE TABLE ${T}.customers AS
     WITH c AS (
       SELECT i, (i * 4391) % 6400 AS combo, ${countryCase('uk')} AS country, uc, us, ud, ua, ue
       FROM (${withUniforms('SELECT i FROM range(1, 1001) t(i)', 2, ['uk', 'uc', 'us', 'ud', 'ua', 'ue'])})),
     named AS (
       SELECT *, ${list(FIRST_NAMES)}[1 + combo % 80] AS first,
         ${list(LAST_NAMES)}[1 + combo // 80] AS last
       FROM c),
     activity AS (
       SELECT customer_id, min(order_date) AS first_order, max(order_date) AS last_order
       FROM ${T}.orders GROUP BY customer_id)
     SELECT i::BIGINT AS customer_id, first || ' ' || last AS name,
       lower(regexp_replace(strip_accents(first || '.' || last), '[^A-Za-z.]', '', 'g'))
         || '@' || ${list(EMAIL_DOMAINS)}[1 + floor(6 * pow(ue, 1.4))::INTEGER] AS email,
       country,
       ${cityCase('country', 'uc')} AS city,
       CASE WHEN us < 0.07 THEN 'enterprise' WHEN us < 0.27 THEN 'mid-market' ELSE 'smb' END AS segment,
       least(DATE '2019-03-01' + floor(2100 * sqrt(ud))::INTEGER,
         coalesce(a.first_order - (3 + floor(200 * ud))::INTEGER, DATE '2024-12-31')) AS signup_date,
       CASE WHEN a.last_order >= DATE '2024-06-01' THEN ua < 0.97 ELSE ua < 0.55 END AS is_active
     FROM named LEFT JOIN activity a ON a.customer_id = i
     ORDER BY i`,
      `CREATE TABLE ${T}.line_items AS
     WITH popularity AS (
       SELECT product_id, pow(((product_id * 17) % 50) + 3, -1.0) AS w FROM ${T}.products),
     product_cdf AS (
       SELECT product_id, (sum(w) OVER (ORDER BY product_id) - w) / sum(w) OVER () AS lo
       FROM popularity),
     sized AS (
       SELECT i AS order_id, order_date, un
       FROM (${withUniforms(`SELECT order_id AS i, order_date FROM ${T}.orders`, 41, ['un'])})),
     lines AS (
       SELECT order_id, order_date, line_no, pick, uq, ud, ux, uy
       FROM (${withUniforms(
         `SELECT o.order_id, o.order_date, l.line_no, o.order_id * 4 + l.line_no AS i
          FROM sized o CROSS JOIN range(1, 5) l(line_no)
          WHERE l.line_no <= CASE WHEN o.un < 0.55 THEN 1 WHEN o.un < 0.82 THEN 2
            WHEN o.un < 0.94 THEN 3 ELSE 4 END`,
         42,
         ['pick', 'uq', 'ud', 'ux', 'uy'],
       )}))
     SELECT l.order_id, l.line_no::INTEGER AS line_no, p.product_id,
       (CASE WHEN uq < 0.72 THEN 1 WHEN uq < 0.90 THEN 2 WHEN uq < 0.97 THEN 3
         ELSE 4 + floor(3 * ux) END)::INTEGER AS quantity,
       pr.unit_price,
       (CASE WHEN ud < CASE WHEN month(l.order_date) IN (11, 12) THEN 0.35 ELSE 0.12 END
         THEN ([0.05, 0.10, 0.10, 0.15, 0.20, 0.25])[1 + floor(6 * pow(uy, 1.3))::INTEGER]
         ELSE 0 END)::DECIMAL(4,2) AS discount
     FROM lines l ASOF JOIN product_cdf p ON l.pick >= p.lo
     JOIN ${T}.products pr ON pr.product_id = p.product_id
     ORDER BY l.order_id, l.line_no`,
      `CREATE TABLE ${T}.type_showcase (${TYPE_SHOWCASE_COLUMNS})`,
      `INSERT INTO ${T}.type_showcase VALUES ${TYPE_SHOWCASE_ROWS}`,
    ],
    big: [eventsTableSql(`${T}.events`, rows)],
  }
}

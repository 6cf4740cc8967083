/**
 * The built-in, deterministic sample catalog of the local engine (no downloads, generated with
 * DuckDB `range()` at startup).
 *
 * <!-- README:sample-data -->
 * Catalog `local` (an in-memory DuckDB database attached as `local`), schema `demo`:
 *
 * | table | rows | columns |
 * |---|---|---|
 * | `customers` | 1 000 | `customer_id` BIGINT, `name` VARCHAR, `email` VARCHAR, `country` VARCHAR, `segment` VARCHAR, `signup_date` DATE, `is_active` BOOLEAN |
 * | `products` | 50 | `product_id` INTEGER, `name` VARCHAR, `category` VARCHAR, `unit_price` DECIMAL(10,2) |
 * | `orders` | 10 000 | `order_id` BIGINT, `customer_id` BIGINT → customers, `order_date` DATE, `status` VARCHAR, `shipped_at` TIMESTAMP (NULL unless shipped/delivered) |
 * | `line_items` | ≈ 20 000 | `order_id` BIGINT → orders, `line_no` INTEGER, `product_id` INTEGER → products, `quantity` INTEGER, `unit_price` DECIMAL(10,2), `discount` DECIMAL(4,2) |
 * | `events` | `bigTableRows` (default 1 000 000) | `event_id` BIGINT (0…n−1), `customer_id` BIGINT → customers, `event_time` TIMESTAMP (from 2024-01-01, every 31.536 s), `event_type` VARCHAR, `amount` DOUBLE (NULL every 97th row) |
 * | `type_showcase` | 8 | one column per type (see below), a row of extremes, one of minima, specials (NaN, ±Infinity, unicode, NUL byte), and a row that is NULL in every column but `id`/`label` |
 *
 * `type_showcase` columns: `id` INTEGER, `label` VARCHAR, `tiny_col` TINYINT, `small_col` SMALLINT,
 * `int_col` INTEGER, `big_col` BIGINT (±int64 limits), `huge_col` HUGEINT and `ubig_col` UBIGINT
 * (within the int64 range, which is what e6data's LONG holds: see the type table),
 * `uint_col` UINTEGER, `float_col` FLOAT, `double_col` DOUBLE (NaN, ±Infinity), `dec_38_0`
 * DECIMAL(38,0), `dec_38_10` DECIMAL(38,10), `dec_10_2` DECIMAL(10,2), `dec_18_6` DECIMAL(18,6),
 * `bool_col` BOOLEAN, `str_col` VARCHAR (emoji, CJK, combining marks, NUL), `blob_col` BLOB,
 * `date_col` DATE (0001-01-01 … 9999-12-31, pre-1970, post-2038), `ts_col` TIMESTAMP (µs),
 * `tstz_col` TIMESTAMPTZ, `time_col` TIME, `interval_col` INTERVAL, `uuid_col` UUID, `json_col`
 * JSON, `list_col` INTEGER[], `map_col` MAP(VARCHAR, INTEGER), `struct_col` STRUCT(a INTEGER, b VARCHAR).
 *
 * Demo: revenue per customer —
 * `SELECT c.name, sum(li.quantity * li.unit_price) AS revenue FROM customers c JOIN orders o USING (customer_id) JOIN line_items li USING (order_id) GROUP BY c.name ORDER BY revenue DESC LIMIT 10`.
 * <!-- /README:sample-data -->
 *
 * @module
 */

/**
 * Catalog holding the sample data.
 *
 * @example
 * ```ts
 * `SELECT * FROM ${SAMPLE_CATALOG}.${SAMPLE_SCHEMA}.orders`
 * ```
 */
export const SAMPLE_CATALOG = 'local'
/**
 * Schema holding the sample data.
 *
 * @example
 * ```ts
 * `SELECT * FROM ${SAMPLE_CATALOG}.${SAMPLE_SCHEMA}.orders`
 * ```
 */
export const SAMPLE_SCHEMA = 'demo'

const T = `${SAMPLE_CATALOG}.${SAMPLE_SCHEMA}`

/**
 * Expected row counts of the fixed-size sample tables (tests use them).
 *
 * @example
 * ```ts
 * SAMPLE_ROW_COUNTS.customers // 1000
 * ```
 */
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

/**
 * The statements creating the sample catalog, in groups that may run concurrently.
 *
 * @example
 * ```ts
 * const { setup, small, big }: SampleDataScript = sampleDataScript(20_000)
 * ```
 */
export interface SampleDataScript {
  /** Run first: the catalog and schema. */
  readonly setup: readonly string[]
  /** The small tables (run in order, concurrently with {@link SampleDataScript.big}). */
  readonly small: readonly string[]
  /** The big `events` table: one CREATE TABLE … AS SELECT over `range()`. */
  readonly big: readonly string[]
}

/**
 * The `CREATE TABLE … AS SELECT` of the big `events` table (deterministic, `rows` rows), shared
 * with the end-to-end benchmark's in-process DuckDB baseline so both read identical data.
 *
 * @example
 * ```ts
 * await connection.run(eventsTableSql('events', 1_000_000))
 * ```
 */
export function eventsTableSql(qualifiedName: string, rows: number): string {
  return `CREATE TABLE ${qualifiedName} AS
     SELECT i AS event_id,
       (1 + (i * 7919) % 1000)::BIGINT AS customer_id,
       make_timestamp(1704067200000000 + i * 31536000) AS event_time,
       CASE (i * 31) % 5 WHEN 0 THEN 'view' WHEN 1 THEN 'click' WHEN 2 THEN 'add_to_cart'
         WHEN 3 THEN 'purchase' ELSE 'refund' END AS event_type,
       CASE WHEN i % 97 = 0 THEN NULL ELSE ((i * 2654435761) % 100000)::DOUBLE / 100 END AS amount
     FROM range(0, ${Math.max(0, Math.floor(rows))}) t(i)`
}

/**
 * DuckDB statements creating the sample catalog. `setup` runs first; `small` and `big` may then
 * run concurrently on two connections (startup time is dominated by `events`).
 *
 * @example
 * ```ts
 * const script = sampleDataScript(20_000)
 * for (const sql of [...script.setup, ...script.small, ...script.big]) await connection.run(sql)
 * ```
 */
export function sampleDataScript(bigTableRows: number): SampleDataScript {
  const rows = Math.max(0, Math.floor(bigTableRows))
  return {
    setup: [`ATTACH ':memory:' AS ${SAMPLE_CATALOG}`, `CREATE SCHEMA ${T}`],
    small: [
      `CREATE TABLE ${T}.customers AS
     SELECT i::BIGINT AS customer_id,
       'Customer ' || lpad(i::VARCHAR, 4, '0') AS name,
       'customer' || i || '@example.com' AS email,
       (['DE', 'FR', 'IN', 'JP', 'US', 'BR', 'GB', 'ES'])[1 + i % 8] AS country,
       (['enterprise', 'mid-market', 'smb'])[1 + i % 3] AS segment,
       (DATE '2020-01-01' + (i * 37 % 1500)::INTEGER)::DATE AS signup_date,
       i % 10 <> 0 AS is_active
     FROM range(1, 1001) t(i) ORDER BY i`,
      `CREATE TABLE ${T}.products AS
     SELECT i::INTEGER AS product_id,
       'Product ' || i AS name,
       (['books', 'games', 'garden', 'kitchen', 'music'])[1 + i % 5] AS category,
       ((i * 7919 % 20000) / 100 + 1)::DECIMAL(10,2) AS unit_price
     FROM range(1, 51) t(i) ORDER BY i`,
      `CREATE TABLE ${T}.orders AS
     SELECT i::BIGINT AS order_id,
       (1 + (i * 7) % 1000)::BIGINT AS customer_id,
       (DATE '2023-01-01' + (i * 13 % 730)::INTEGER)::DATE AS order_date,
       (['placed', 'shipped', 'delivered', 'returned', 'cancelled'])[1 + i % 5] AS status,
       CASE WHEN i % 5 IN (1, 2)
         THEN (DATE '2023-01-01' + (i * 13 % 730)::INTEGER)::TIMESTAMP + to_minutes(i % 4000)
       END AS shipped_at
     FROM range(1, 10001) t(i) ORDER BY i`,
      `CREATE TABLE ${T}.line_items AS
     SELECT o.order_id, l.line_no::INTEGER AS line_no, p.product_id,
       (1 + (o.order_id + l.line_no) % 5)::INTEGER AS quantity,
       p.unit_price,
       ((o.order_id * l.line_no) % 4 * 5 / 100)::DECIMAL(4,2) AS discount
     FROM ${T}.orders o
     CROSS JOIN range(1, 4) l(line_no)
     JOIN ${T}.products p ON p.product_id = 1 + (o.order_id * 31 + l.line_no * 17) % 50
     WHERE l.line_no <= 1 + o.order_id % 3
     ORDER BY o.order_id, l.line_no`,
      `CREATE TABLE ${T}.type_showcase (${TYPE_SHOWCASE_COLUMNS})`,
      `INSERT INTO ${T}.type_showcase VALUES ${TYPE_SHOWCASE_ROWS}`,
    ],
    big: [eventsTableSql(`${T}.events`, rows)],
  }
}

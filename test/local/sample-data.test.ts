import { describe, expect, it } from 'vitest'
import { openEngine, useEngine } from '../helpers/engine-fixture.js'

/** The sample data must look like a business: skew, seasonality, plausible values, no ties. */
describe('local engine: sample data', () => {
  const env = useEngine({ bigTableRows: 200_000 })
  const rows = async (sql: string) => (await env.client.query(sql)).rows
  const one = async (sql: string) => (await rows(sql))[0] as Record<string, unknown>

  it('has no ties in the demo top lists', async () => {
    const top = await rows(`SELECT c.name, sum(li.quantity * li.unit_price) AS revenue
      FROM customers c JOIN orders o ON o.customer_id = c.customer_id
      JOIN line_items li ON li.order_id = o.order_id
      WHERE o.status IN ('shipped', 'delivered') GROUP BY c.name ORDER BY revenue DESC LIMIT 10`)
    expect(new Set(top.map((r) => r.revenue)).size).toBe(10)
    const countries = await rows(
      'SELECT c.country, count(*) AS n FROM customers c JOIN orders o USING (customer_id) GROUP BY 1',
    )
    expect(countries.length).toBeGreaterThanOrEqual(10)
    expect(new Set(countries.map((r) => r.n)).size).toBe(countries.length)
    const sellers =
      await rows(`SELECT p.name, sum(li.quantity * li.unit_price * (1 - li.discount)) AS r
      FROM line_items li JOIN products p USING (product_id) GROUP BY 1 ORDER BY r DESC LIMIT 10`)
    expect(new Set(sellers.map((r) => r.r)).size).toBe(10)
  })

  it('skews customer activity and keeps orders after signup', async () => {
    const share = await one(`SELECT sum(n) FILTER (WHERE rk <= 100) / sum(n) AS top10
      FROM (SELECT count(*) AS n, row_number() OVER (ORDER BY count(*) DESC) AS rk
            FROM orders GROUP BY customer_id)`)
    expect(share.top10 as number).toBeGreaterThan(0.22)
    const buyers = await one('SELECT count(DISTINCT customer_id) AS n FROM orders')
    expect(Number(buyers.n)).toBeLessThan(1000) // some customers never ordered
    expect(Number(buyers.n)).toBeGreaterThan(900)
    const late = await one(`SELECT count(*) AS n FROM orders o JOIN customers c USING (customer_id)
      WHERE c.signup_date > o.order_date`)
    expect(late.n).toBe(0n)
  })

  it('has seasonality in orders and events', async () => {
    const season = await one(`SELECT
        count(*) FILTER (WHERE month(order_date) IN (11, 12)) / 4.0 AS peak,
        count(*) FILTER (WHERE month(order_date) NOT IN (11, 12)) / 20.0 AS rest,
        count(*) FILTER (WHERE isodow(order_date) >= 6) / 2.0 AS weekend,
        count(*) FILTER (WHERE isodow(order_date) < 6) / 5.0 AS weekday
      FROM orders`)
    expect((season.peak as number) / (season.rest as number)).toBeGreaterThan(1.3)
    expect((season.weekend as number) / (season.weekday as number)).toBeGreaterThan(1.1)
    const hours = await one(`SELECT count(*) FILTER (WHERE hour(event_time) = 20) AS evening,
        count(*) FILTER (WHERE hour(event_time) = 4) AS night,
        count(*) FILTER (WHERE month(event_time) = 12) AS december,
        count(*) FILTER (WHERE month(event_time) = 6) AS june
      FROM events`)
    expect(Number(hours.evening)).toBeGreaterThan(3 * Number(hours.night))
    expect(Number(hours.december)).toBeGreaterThan(1.2 * Number(hours.june))
  })

  it('has plausible, unique names, emails and cities, and a real-looking catalogue', async () => {
    const c = await one(`SELECT count(DISTINCT name) AS names, count(DISTINCT email) AS emails,
        count(*) FILTER (WHERE NOT regexp_matches(email, '^[a-z.]+@[a-z.]+\\.[a-z]+$')) AS bad_emails,
        count(DISTINCT city) AS cities, count(DISTINCT country) AS countries FROM customers`)
    expect(c).toEqual({
      names: 1000n,
      emails: 1000n,
      bad_emails: 0n,
      cities: expect.any(BigInt),
      countries: 12n,
    })
    expect(Number(c.cities)).toBeGreaterThan(50)
    const p =
      await one(`SELECT count(DISTINCT name) AS names, count(DISTINCT category) AS categories,
        min(unit_price) AS lo, max(unit_price) AS hi FROM products`)
    expect(p).toEqual({ names: 50n, categories: 10n, lo: '9.99', hi: '379.00' })
    expect(await rows('SELECT name FROM products WHERE product_id = 3')).toEqual([
      { name: "Chef's Knife 20 cm" },
    ])
  })

  it('keeps event ids in time order, physically too', async () => {
    const disorder = await one(`SELECT count(*) AS n FROM (
        SELECT event_time < lag(event_time) OVER (ORDER BY event_id) AS back FROM events) WHERE back`)
    expect(disorder.n).toBe(0n)
    const first = await rows('SELECT event_id FROM events LIMIT 5')
    expect(first.map((r) => r.event_id)).toEqual([0n, 1n, 2n, 3n, 4n])
    const span = await one('SELECT min(event_time) AS a, max(event_time) AS b FROM events')
    expect((span.a as Date).getUTCFullYear()).toBe(2024)
    expect((span.b as Date).getUTCFullYear()).toBe(2024)
  })

  it('is deterministic: another engine generates identical tables', async () => {
    const digest = async (query: (sql: string) => Promise<Record<string, unknown>[]>) =>
      // hash() is stable within one DuckDB build, which both engines share here
      query(`SELECT
          (SELECT sum(hash(t::VARCHAR) % 1000000007)::BIGINT FROM customers t) AS c,
          (SELECT sum(hash(t::VARCHAR) % 1000000007)::BIGINT FROM orders t) AS o,
          (SELECT sum(hash(t::VARCHAR) % 1000000007)::BIGINT FROM line_items t) AS l,
          (SELECT sum(hash(t::VARCHAR) % 1000000007)::BIGINT FROM events t) AS e`)
    const other = await openEngine({ bigTableRows: 200_000 })
    try {
      expect(await digest((sql) => other.client.query(sql).then((r) => r.rows))).toEqual(
        await digest(rows),
      )
    } finally {
      await other.close()
    }
  })
})

import type { FakeCatalogs } from '../introspection/fake-schema-source.js'

/**
 * A fake catalog shaped like the local engine's sample data (`local.demo`, fieldTypes as the
 * local engine reports them), plus a second schema so schema-qualified keys are exercised.
 */
export const DEMO_CATALOGS: FakeCatalogs = {
  local: {
    demo: {
      customers: {
        customer_id: 'bigint',
        name: 'string',
        email: 'string',
        country: 'string',
        segment: 'string',
        signup_date: 'date',
        is_active: 'boolean',
      },
      products: {
        product_id: 'int',
        name: 'string',
        category: 'string',
        unit_price: 'decimal(10,2)',
      },
      orders: {
        order_id: 'bigint',
        customer_id: 'bigint',
        order_date: 'date',
        status: 'string',
        shipped_at: 'timestamp',
      },
      line_items: {
        order_id: 'bigint',
        line_no: 'int',
        product_id: 'int',
        quantity: 'int',
        unit_price: 'decimal(10,2)',
        discount: 'decimal(4,2)',
      },
      type_showcase: {
        id: 'int',
        label: 'string',
        big_col: 'bigint',
        long_col: 'LONG',
        short_col: 'short',
        float_col: 'float',
        double_col: 'double',
        dec_38_10: 'decimal(38,10)',
        bool_col: 'boolean',
        str_col: 'varchar(64)',
        blob_col: 'binary',
        date_col: 'date',
        ts_col: 'timestamp',
        tstz_col: 'timestamp_tz',
        list_col: 'array<int>',
        map_col: 'map<string,int>',
        struct_col: 'struct<a:int,b:string>',
        geo_col: 'geography',
      },
      kysely_migration: { name: 'string', timestamp: 'string' },
    },
    staging: {
      orders: { order_id: 'bigint', payload: 'variant', loaded_at: 'datetime' },
      'raw events': { id: 'bigint' },
    },
  },
}

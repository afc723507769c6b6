package io.readmodel.core.definition.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built {@link SourceSchema}s matching the real databases' tables, as information_schema reports them. */
final class SourceSchemas {

    private SourceSchemas() {
    }

    /** write-api's order schema (V1__order_schema.sql), plus a table without a primary key. */
    static SourceSchema shop() {
        return SourceSchema.of(List.of(
                table("customers", "id", "id bigint", "name text", "email text", "city text",
                        "created_at timestamp with time zone"),
                table("products", "id", "id bigint", "sku text", "name text", "price_cents bigint", "stock integer", "description text"),
                table("orders", "id", "id bigint", "customer_id bigint", "status text", "total_cents bigint",
                        "placed_at timestamp with time zone"),
                table("order_lines", "id", "id bigint", "order_id bigint", "product_id bigint", "quantity integer",
                        "unit_price_cents bigint"),
                table("audit_log", null, "at timestamp with time zone", "message text")));
    }

    /** The Chinook sample database (Chinook_PostgreSql.sql). */
    static SourceSchema chinook() {
        String varchar = "character varying";
        return SourceSchema.of(List.of(
                table("album", "album_id", "album_id integer", "title " + varchar, "artist_id integer"),
                table("artist", "artist_id", "artist_id integer", "name " + varchar),
                table("customer", "customer_id", "customer_id integer", "first_name " + varchar,
                        "last_name " + varchar, "company " + varchar, "address " + varchar, "city " + varchar,
                        "state " + varchar, "country " + varchar, "postal_code " + varchar, "phone " + varchar,
                        "fax " + varchar, "email " + varchar, "support_rep_id integer"),
                table("employee", "employee_id", "employee_id integer", "last_name " + varchar,
                        "first_name " + varchar, "title " + varchar, "reports_to integer",
                        "birth_date timestamp without time zone", "hire_date timestamp without time zone",
                        "address " + varchar, "city " + varchar, "state " + varchar, "country " + varchar,
                        "postal_code " + varchar, "phone " + varchar, "fax " + varchar, "email " + varchar),
                table("genre", "genre_id", "genre_id integer", "name " + varchar),
                table("invoice", "invoice_id", "invoice_id integer", "customer_id integer",
                        "invoice_date timestamp without time zone", "billing_address " + varchar,
                        "billing_city " + varchar, "billing_state " + varchar, "billing_country " + varchar,
                        "billing_postal_code " + varchar, "total numeric"),
                table("invoice_line", "invoice_line_id", "invoice_line_id integer", "invoice_id integer",
                        "track_id integer", "unit_price numeric", "quantity integer"),
                table("media_type", "media_type_id", "media_type_id integer", "name " + varchar),
                table("playlist", "playlist_id", "playlist_id integer", "name " + varchar),
                new TableSchema("playlist_track", List.of("playlist_id", "track_id"),
                        columns("playlist_id integer", "track_id integer")),
                table("track", "track_id", "track_id integer", "name " + varchar, "album_id integer",
                        "media_type_id integer", "genre_id integer", "composer " + varchar, "milliseconds integer",
                        "bytes integer", "unit_price numeric")));
    }

    /** @param columns "name type" each, in table order */
    private static TableSchema table(String name, String primaryKey, String... columns) {
        return new TableSchema(name, primaryKey == null ? List.of() : List.of(primaryKey), columns(columns));
    }

    private static Map<String, String> columns(String... columns) {
        Map<String, String> types = new LinkedHashMap<>();
        for (String column : columns) {
            int space = column.indexOf(' ');
            types.put(column.substring(0, space), column.substring(space + 1));
        }
        return types;
    }
}

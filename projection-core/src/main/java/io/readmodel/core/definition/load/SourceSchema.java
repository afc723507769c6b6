package io.readmodel.core.definition.load;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The source database's tables, against which definitions are checked (table, column and key names). */
public interface SourceSchema {

    /** The table, if it exists. */
    Optional<TableSchema> table(String name);

    /** The names of all tables, for hints in error messages; empty when unknown. */
    default Set<String> tableNames() {
        return Set.of();
    }

    /** A fixed set of tables (tests, or a schema read once at start). */
    static SourceSchema of(Collection<TableSchema> tables) {
        Map<String, TableSchema> byName = new LinkedHashMap<>();
        tables.forEach(table -> byName.put(table.name(), table));
        return new SourceSchema() {
            @Override
            public Optional<TableSchema> table(String name) {
                return Optional.ofNullable(byName.get(name));
            }

            @Override
            public Set<String> tableNames() {
                return java.util.Collections.unmodifiableSet(byName.keySet());
            }
        };
    }
}

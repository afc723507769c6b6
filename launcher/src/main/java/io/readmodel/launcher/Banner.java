package io.readmodel.launcher;

import java.nio.file.Path;
import java.util.List;

/** The text printed once everything is ready: where things are and how to try them. */
final class Banner {

    private Banner() {
    }

    /**
     * Renders the banner.
     *
     * @param plan what was started
     * @param embeddedMongo whether the MongoDB stand-in runs embedded (otherwise {@code --mongodb-uri} was given)
     * @param dataDirectory where PostgreSQL, the stand-in and the logs keep their files
     * @param logDirectory where each app's log is
     */
    static String render(LaunchPlan plan, boolean embeddedMongo, Path dataDirectory, Path logDirectory) {
        return render(plan, embeddedMongo, dataDirectory, logDirectory, null);
    }

    /**
     * Renders the banner with the development token, which the example commands then use.
     *
     * @param token the bearer token to show ({@link DevCredentials}), or null when the apps' keys are managed elsewhere
     */
    static String render(LaunchPlan plan, boolean embeddedMongo, Path dataDirectory, Path logDirectory, String token) {
        List<AppLaunch> apps = plan.apps();
        String write = apps.get(0).baseUrl();
        String bridge = apps.get(1).baseUrl();
        String read = apps.get(2).baseUrl();
        String rule = "=".repeat(78);
        StringBuilder out = new StringBuilder();
        out.append(rule).append('\n');
        out.append(" readmodel pipeline is up       data: ").append(dataDirectory).append('\n');
        out.append(rule).append('\n');
        out.append(String.format(" %-11s %-24s %s%n", "write-api", write, "commands (REST)"));
        out.append(String.format(" %-11s %-24s %s%n", "cdc-bridge", bridge, "WAL -> projections -> MongoDB"));
        out.append(String.format(" %-11s %-24s %s%n", "read-api", read, "read models, consistency tokens"));
        out.append('\n');
        out.append(" Lag page    ").append(read).append("/lag\n");
        out.append(" Metrics     ").append(write).append("/q/metrics  ").append(bridge).append("/q/metrics  ")
                .append(read).append("/q/metrics\n");
        out.append(" Health      ").append(bridge).append("/q/health   (same path on every app)\n");
        out.append('\n');
        out.append(" PostgreSQL  ").append(plan.jdbcUrl()).append("   (user ").append(LaunchPlan.PG_USER)
                .append(", no password)\n");
        out.append("             psql -h 127.0.0.1 -p ").append(plan.pgPort()).append(" -U ")
                .append(LaunchPlan.PG_USER).append(' ').append(plan.database()).append('\n');
        out.append(" MongoDB     ").append(plan.mongoUri())
                .append(embeddedMongo ? "   (mongo-java-server stand-in, H2 file under " + dataDirectory.resolve("mongo") + ")"
                        : "   (external)")
                .append('\n');
        out.append("             mongosh ").append(plan.mongoUri()).append("/readmodel\n");
        out.append('\n');
        String auth = "";
        if (token != null) {
            out.append(" Dev token   roles ").append(String.join(", ", DevCredentials.ROLES)).append(", valid ")
                    .append(DevCredentials.TOKEN_LIFETIME.toDays()).append(" days; key pair and token in ")
                    .append(dataDirectory.resolve("jwt")).append('\n');
            out.append("   export READMODEL_TOKEN=").append(token).append('\n');
            out.append('\n');
            auth = " -H \"Authorization: Bearer $READMODEL_TOKEN\"";
        }
        out.append(" Try it:\n");
        out.append("   curl -si ").append(write).append(Demo.CUSTOMERS).append(auth)
                .append(" -H 'Content-Type: application/json' \\\n")
                .append("        -d '").append(Demo.customerJson("Ada Lovelace", "ada@example.com", "London")).append("'\n");
        out.append("   curl -si ").append(write).append(Demo.PRODUCTS).append(auth)
                .append(" -H 'Content-Type: application/json' \\\n")
                .append("        -d '").append(Demo.productJson("LAMP-1", "Desk lamp", 2599, 100)).append("'\n");
        out.append("   curl -si ").append(write).append(Demo.ORDERS).append(auth)
                .append(" -H 'Content-Type: application/json' -H 'Idempotency-Key: try-1' \\\n")
                .append("        -d '").append(Demo.orderJson(1, 1, 2)).append("'\n");
        out.append("   # the answer's X-Consistency-Token header, e.g. 0/16B3748, then read your own write:\n");
        out.append("   curl -si ").append(read).append(Demo.ORDERS).append("/1").append(auth).append(" -H 'X-Min-Position: 0/16B3748'\n");
        if (token != null) {
            out.append("   curl -si -XPOST ").append(bridge).append("/admin/reconciliations/orders").append(auth)
                    .append("   # admin: drift check\n");
        }
        out.append('\n');
        out.append(" Logs        ").append(logDirectory).append("/{write-api,cdc-bridge,read-api,infra}.log\n");
        out.append(" Ctrl-C stops everything: read-api, cdc-bridge, write-api, ")
                .append(embeddedMongo ? "MongoDB stand-in, " : "").append("PostgreSQL.\n");
        out.append(rule).append('\n');
        return out.toString();
    }
}

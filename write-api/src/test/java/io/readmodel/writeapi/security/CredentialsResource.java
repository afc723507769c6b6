package io.readmodel.writeapi.security;

import io.readmodel.writeapi.CapturedLogs;
import io.readmodel.writeapi.PostgresResource;
import java.util.HashMap;
import java.util.Map;

/** A healthy database, with a password configured and the application's log captured. */
public class CredentialsResource extends PostgresResource {

    /** Name of the captured log. */
    public static final String LOG = "credentials";

    @Override
    public Map<String, String> start() {
        Map<String, String> properties = new HashMap<>(super.start());
        properties.putAll(CapturedLogs.properties(LOG));
        return properties;
    }
}

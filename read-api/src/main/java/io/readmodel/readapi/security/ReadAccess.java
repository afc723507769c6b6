package io.readmodel.readapi.security;

import io.quarkus.runtime.StartupEvent;
import io.readmodel.readapi.ReadApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Says at start whether reads are open or need a token, so that an operator sees the mode in the log. */
@ApplicationScoped
public class ReadAccess {

    private static final Logger LOG = Logger.getLogger(ReadAccess.class);

    void announce(@Observes StartupEvent start, ReadApiConfig config) {
        if (config.auth().required()) {
            LOG.infof("reads need a bearer token with the '%s' role (readapi.auth.required=true)", Roles.READER);
        } else {
            LOG.info("reads are open (readapi.auth.required=false); /lag, the status page, health and metrics are always open");
        }
    }
}

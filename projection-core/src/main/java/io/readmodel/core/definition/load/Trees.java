package io.readmodel.core.definition.load;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a definition tree defensively: the rules run on trees the schema may have rejected. */
final class Trees {

    private Trees() {
    }

    /** The member's text, or {@code null} when it is absent or not a string. */
    static String text(JsonNode owner, String member) {
        JsonNode value = owner.path(member);
        return value.isTextual() ? value.asText() : null;
    }
}

package io.berth.api.io;

/**
 * One problem in the input, located as precisely as known: file, 1-based YAML document number,
 * the object ("ClusterQueue/team-a"), the field path ("spec.resourceGroups[0].flavors[1].name"),
 * and what was expected. Any location part may be null when unknown.
 */
public record InputError(String file, int document, String object, String field, String message) {
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (document > 0) {
                sb.append(": document ").append(document);
            }
            sb.append(": ");
        }
        if (object != null) {
            sb.append(object).append(": ");
        }
        if (field != null && !field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return sb.append(message).toString();
    }
}

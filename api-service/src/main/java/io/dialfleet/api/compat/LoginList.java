package io.dialfleet.api.compat;

import io.dialfleet.api.repository.PhoneRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.List;
import java.util.Optional;

/** An alias's {@code phone_logins}: split at every comma, empty pieces kept, each checked in order (§7.1 step 6). */
final class LoginList {

    private LoginList() {
    }

    /** The first piece no phone holds, which the error names (it may be empty, B08). */
    static Uni<Optional<String>> firstUnknown(PhoneRepository phones, SqlConnection connection, String loginList) {
        return phones.firstUnknownLogin(connection, List.of(loginList.split(",", -1)));
    }
}

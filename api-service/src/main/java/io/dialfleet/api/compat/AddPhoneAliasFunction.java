package io.dialfleet.api.compat;

import static io.dialfleet.api.compat.AliasField.ALIAS_ID;
import static io.dialfleet.api.compat.AliasField.ALIAS_NAME;
import static io.dialfleet.api.compat.AliasField.PHONE_LOGINS;
import static io.dialfleet.api.compat.CheckChain.unless;

import io.dialfleet.api.repository.AdminLogEntry;
import io.dialfleet.api.repository.AliasRepository;
import io.dialfleet.api.repository.LogRepository;
import io.dialfleet.api.repository.PhoneRepository;
import io.dialfleet.api.service.AliasService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code add_phone_alias} (docs/spec/non-agent-api.md §7.1). */
@ApplicationScoped
class AddPhoneAliasFunction implements NonAgentFunction {

    private final AliasRepository aliases;
    private final PhoneRepository phones;
    private final AliasService aliasService;
    private final LogRepository logs;

    AddPhoneAliasFunction(AliasRepository aliases, PhoneRepository phones, AliasService aliasService,
            LogRepository logs) {
        this.aliases = aliases;
        this.phones = phones;
        this.aliasService = aliasService;
        this.logs = logs;
    }

    @Override
    public String name() {
        return "add_phone_alias";
    }

    @Override
    public String permissionReason() {
        return "add_phone_alias USER DOES NOT HAVE PERMISSION TO ADD PHONE ALIASES";
    }

    @Override
    public Uni<Reply> run(ApiCall call) {
        String user = call.user();
        String sentId = call.get(ALIAS_ID.parameter());
        String sentName = call.get(ALIAS_NAME.parameter());
        String sentLogins = call.get(PHONE_LOGINS.parameter());
        boolean complete = sentId.length() >= 2 && sentLogins.length() >= 2 && !sentName.isEmpty();
        // D3: cut right after the required-fields check.
        String aliasId = ALIAS_ID.cut(sentId);
        String aliasName = ALIAS_NAME.cut(sentName);
        String logins = PHONE_LOGINS.cut(sentLogins);
        String data = aliasId + "|" + aliasName + "|" + logins;
        return CheckChain.start()
                .check(() -> unless(complete, () -> Replies.error("add_phone_alias YOU MUST USE ALL REQUIRED FIELDS",
                        user, sentId + "|" + sentName + "|" + sentLogins)))
                .checkAsync(() -> aliases.exists(call.connection(), aliasId)
                        .map(exists -> unless(!exists, () -> Replies.error("add_phone_alias PHONE ALIAS ALREADY EXISTS",
                                user, aliasId))))
                .checkAsync(() -> LoginList.firstUnknown(phones, call.connection(), logins)
                        .map(unknown -> unknown.map(piece -> Replies.error("add_phone_alias PHONE DOES NOT EXIST", user,
                                piece)).orElse(null)))
                .finish(() -> {
                    var adminLog = new AdminLogEntry("PHONEALIASES", "ADD", aliasId, "ADMIN API ADD PHONE ALIAS",
                            "phones: " + logins, "add phone alias " + aliasId + ": alias_name, logins_list");
                    return logs.append(call.connection(), adminLog, user, call.request().clientIp())
                            .chain(() -> aliasService.add(call.connection(), aliasId, aliasName, logins,
                                    call.request().actor(), call.request().receivedAt()))
                            .replaceWith(Replies.success("add_phone_alias PHONE ALIAS HAS BEEN ADDED", user, data));
                });
    }
}

package io.dialfleet.api.compat;

import static io.dialfleet.api.compat.ApiParameter.ALIAS_ID;
import static io.dialfleet.api.compat.ApiParameter.ALIAS_NAME;
import static io.dialfleet.api.compat.ApiParameter.DELETE_ALIAS;
import static io.dialfleet.api.compat.ApiParameter.PHONE_LOGINS;
import static io.dialfleet.api.compat.CheckChain.unless;

import io.dialfleet.api.repository.AdminLogEntry;
import io.dialfleet.api.repository.AliasRepository;
import io.dialfleet.api.repository.LogRepository;
import io.dialfleet.api.repository.PhoneRepository;
import io.dialfleet.api.service.AliasService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code update_phone_alias}: edit or delete (docs/spec/non-agent-api.md §7.2). */
@ApplicationScoped
class UpdatePhoneAliasFunction implements NonAgentFunction {

    private final AliasRepository aliases;
    private final PhoneRepository phones;
    private final AliasService aliasService;
    private final LogRepository logs;

    UpdatePhoneAliasFunction(AliasRepository aliases, PhoneRepository phones, AliasService aliasService,
            LogRepository logs) {
        this.aliases = aliases;
        this.phones = phones;
        this.aliasService = aliasService;
        this.logs = logs;
    }

    @Override
    public String name() {
        return "update_phone_alias";
    }

    @Override
    public String permissionReason() {
        return "update_phone_alias USER DOES NOT HAVE PERMISSION TO UPDATE PHONE ALIASES";
    }

    @Override
    public Uni<Reply> run(ApiCall call) {
        String user = call.user();
        String aliasId = call.get(ALIAS_ID);
        String aliasName = call.get(ALIAS_NAME);
        String sentLogins = call.get(PHONE_LOGINS);
        boolean complete = aliasId.length() >= 2
                && !(sentLogins.length() < 2 && aliasName.isEmpty() && call.get(DELETE_ALIAS).isEmpty());
        return CheckChain.start()
                .check(() -> unless(complete, () -> Replies.error("update_phone_alias YOU MUST USE ALL REQUIRED FIELDS",
                        user, aliasId + "|" + aliasName + "|" + sentLogins)))
                .finish(() -> aliases.findForUpdate(call.connection(), aliasId).chain(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().item(Replies.error("update_phone_alias PHONE ALIAS DOES NOT EXIST", user,
                                aliasId));
                    }
                    return "Y".equals(call.get(DELETE_ALIAS)) ? delete(call, found.get()) : update(call, found.get());
                }));
    }

    private Uni<Reply> delete(ApiCall call, Map<String, Object> before) {
        String user = call.user();
        String aliasId = call.get(ALIAS_ID);
        if (!call.apiUser().mayDelete()) {
            return Uni.createFrom().item(Replies.notice(
                    "update_phone_alias USER DOES NOT HAVE PERMISSION TO DELETE PHONE ALIASES", user, "0"));
        }
        var adminLog = new AdminLogEntry("PHONEALIASES", "DELETE", aliasId, "ADMIN API DELETE PHONE ALIAS", "",
                "delete phone alias " + aliasId);
        return logs.append(call.connection(), adminLog, user, call.request().clientIp())
                .chain(() -> aliasService.delete(call.connection(), before, call.request().actor(),
                        call.request().receivedAt()))
                .replaceWith(Replies.success("update_phone_alias PHONE ALIAS HAS BEEN DELETED", user, aliasId));
    }

    private Uni<Reply> update(ApiCall call, Map<String, Object> before) {
        String user = call.user();
        String aliasId = call.get(ALIAS_ID);
        String aliasName = call.get(ALIAS_NAME);
        String sentLogins = call.get(PHONE_LOGINS);
        // D3: the list is cut before its piece check; the name rule already limits the name to its width.
        String logins = AliasField.PHONE_LOGINS.cut(sentLogins);
        boolean takesLogins = logins.length() >= 2;
        boolean nameFits = aliasName.length() >= 2 && aliasName.length() <= AliasField.ALIAS_NAME.width();
        return CheckChain.start()
                .check(() -> unless(aliasName.isEmpty() || nameFits,
                        () -> Replies.error("update_phone_alias YOU MUST USE A VALID ALIAS NAME", user, aliasName)))
                .checkAsync(() -> !takesLogins
                        ? Uni.createFrom().nullItem()
                        : LoginList.firstUnknown(phones, call.connection(), logins)
                                .map(unknown -> unknown.map(piece -> Replies.error(
                                        "update_phone_alias PHONE DOES NOT EXIST", user, piece)).orElse(null)))
                .check(() -> unless(!aliasName.isEmpty() || takesLogins, () -> Replies.notice(
                        "update_phone_alias NO UPDATES DEFINED", user, "")))
                .finish(() -> {
                    List<String> columns = new ArrayList<>();
                    if (!aliasName.isEmpty()) {
                        columns.add("alias_name");
                    }
                    if (takesLogins) {
                        columns.add("logins_list");
                    }
                    var adminLog = new AdminLogEntry("PHONEALIASES", "MODIFY", aliasId, "ADMIN API UPDATE PHONE",
                            "phones: " + logins, "update phone alias " + aliasId + ": " + String.join(", ", columns));
                    return logs.append(call.connection(), adminLog, user, call.request().clientIp())
                            .chain(() -> aliasService.update(call.connection(), before,
                                    aliasName.isEmpty() ? null : aliasName, takesLogins ? logins : null,
                                    call.request().actor(), call.request().receivedAt()))
                            .replaceWith(Replies.success("update_phone_alias PHONE ALIAS HAS BEEN UPDATED", user,
                                    aliasId + "|"));
                });
    }
}

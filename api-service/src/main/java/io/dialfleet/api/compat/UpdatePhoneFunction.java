package io.dialfleet.api.compat;

import static io.dialfleet.api.compat.ApiParameter.DELETE_PHONE;
import static io.dialfleet.api.compat.ApiParameter.EXTENSION;
import static io.dialfleet.api.compat.ApiParameter.SERVER_IP;
import static io.dialfleet.api.compat.CheckChain.unless;

import io.dialfleet.api.compat.UpdatePhoneRules.Target;
import io.dialfleet.api.repository.AdminLogEntry;
import io.dialfleet.api.repository.LogRepository;
import io.dialfleet.api.repository.PhoneRepository;
import io.dialfleet.api.repository.PhoneRow;
import io.dialfleet.api.repository.ServerRepository;
import io.dialfleet.api.service.PhoneService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** {@code update_phone}: edit or delete (docs/spec/non-agent-api.md §6). */
@ApplicationScoped
class UpdatePhoneFunction implements NonAgentFunction {

    private final ServerRepository servers;
    private final PhoneRepository phones;
    private final UpdatePhoneRules rules;
    private final PhoneService phoneService;
    private final LogRepository logs;

    UpdatePhoneFunction(ServerRepository servers, PhoneRepository phones, UpdatePhoneRules rules,
            PhoneService phoneService, LogRepository logs) {
        this.servers = servers;
        this.phones = phones;
        this.rules = rules;
        this.phoneService = phoneService;
        this.logs = logs;
    }

    @Override
    public String name() {
        return "update_phone";
    }

    @Override
    public String permissionReason() {
        return "update_phone USER DOES NOT HAVE PERMISSION TO UPDATE PHONES";
    }

    @Override
    public Uni<Reply> run(ApiCall call) {
        String extension = call.get(EXTENSION);
        String serverIp = call.get(SERVER_IP);
        String user = call.user();
        return CheckChain.start()
                .check(() -> unless(extension.length() >= 2 && !serverIp.isEmpty(), () -> Replies.error(
                        "update_phone YOU MUST USE ALL REQUIRED FIELDS", user, extension + "|" + serverIp)))
                .checkAsync(() -> servers.exists(call.connection(), serverIp)
                        .map(exists -> unless(exists, () -> Replies.error("update_phone SERVER DOES NOT EXIST", user,
                                serverIp))))
                .finish(() -> phones.findForUpdate(call.connection(), extension, serverIp)
                        .chain(found -> {
                            PhoneVisibility visibility = PhoneVisibility.of(call.apiUser().adminViewableGroups());
                            var before = found.filter(row -> visibility.canSee(row.userGroup()));
                            if (before.isEmpty()) {
                                return Uni.createFrom().item(Replies.error(
                                        "update_phone PHONE DOES NOT EXIST ON THIS SERVER", user,
                                        serverIp + "|" + extension));
                            }
                            return "Y".equals(call.get(DELETE_PHONE))
                                    ? delete(call, before.get())
                                    : update(call, before.get());
                        }));
    }

    private Uni<Reply> delete(ApiCall call, PhoneRow before) {
        String user = call.user();
        if (!call.apiUser().mayDelete()) {
            return Uni.createFrom().item(Replies.notice("update_phone USER DOES NOT HAVE PERMISSION TO DELETE PHONES",
                    user, "0"));
        }
        String extension = call.get(EXTENSION);
        String serverIp = call.get(SERVER_IP);
        var adminLog = new AdminLogEntry("PHONES", "DELETE", extension, "ADMIN API DELETE PHONE",
                "phone: " + extension + "|" + serverIp, "delete phone " + extension + "@" + serverIp);
        return logs.append(call.connection(), adminLog, user, call.request().clientIp())
                .chain(() -> phoneService.delete(call.connection(), call.pending(), extension, serverIp, before,
                        call.request().actor(), call.request().receivedAt()))
                .replaceWith(() -> Replies.success("update_phone PHONE HAS BEEN DELETED", user,
                        extension + "|" + serverIp + "|"));
    }

    private Uni<Reply> update(ApiCall call, PhoneRow before) {
        return rules.validate(new Target(call, call.get(EXTENSION), call.get(SERVER_IP)))
                .chain(validation -> validation.rejection() != null
                        ? Uni.createFrom().item(validation.rejection())
                        : write(call, before, validation.columns()));
    }

    private Uni<Reply> write(ApiCall call, PhoneRow before, Map<String, Object> columns) {
        OptionalFields.putWebphoneFlags(call.request(), columns);
        String extension = call.get(EXTENSION);
        String serverIp = call.get(SERVER_IP);
        String user = call.user();
        var adminLog = new AdminLogEntry("PHONES", "MODIFY", extension, "ADMIN API UPDATE PHONE",
                "phone: " + extension + "|" + serverIp,
                "update phone " + extension + "@" + serverIp + ": " + String.join(", ", columns.keySet()));
        return logs.append(call.connection(), adminLog, user, call.request().clientIp())
                .chain(() -> phoneService.update(call.connection(), call.pending(), extension, serverIp, before,
                        new PhoneRow(columns), call.request().actor(), call.request().receivedAt()))
                .replaceWith(() -> Replies.success("update_phone PHONE HAS BEEN UPDATED", user,
                        extension + "|" + serverIp + "|"));
    }
}

package io.dialfleet.api.compat;

import static io.dialfleet.api.compat.CheckChain.unless;
import static io.dialfleet.api.compat.PhoneField.DIALPLAN_NUMBER;
import static io.dialfleet.api.compat.PhoneField.EXTENSION;
import static io.dialfleet.api.compat.PhoneField.LOCAL_GMT;
import static io.dialfleet.api.compat.PhoneField.OUTBOUND_CID;
import static io.dialfleet.api.compat.PhoneField.PHONE_FULL_NAME;
import static io.dialfleet.api.compat.PhoneField.PHONE_LOGIN;
import static io.dialfleet.api.compat.PhoneField.PHONE_PASS;
import static io.dialfleet.api.compat.PhoneField.PROTOCOL;
import static io.dialfleet.api.compat.PhoneField.REGISTRATION_PASSWORD;
import static io.dialfleet.api.compat.PhoneField.SERVER_IP;
import static io.dialfleet.api.compat.PhoneField.TEMPLATE_ID;
import static io.dialfleet.api.compat.PhoneField.VOICEMAIL_ID;

import io.dialfleet.api.repository.AdminLogEntry;
import io.dialfleet.api.repository.LogRepository;
import io.dialfleet.api.repository.PhoneRepository;
import io.dialfleet.api.repository.PhoneRepository.AddPhoneFacts;
import io.dialfleet.api.repository.PhoneRow;
import io.dialfleet.api.repository.TemplateRepository;
import io.dialfleet.api.service.PhoneService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code add_phone} (docs/spec/non-agent-api.md §5). */
@ApplicationScoped
class AddPhoneFunction implements NonAgentFunction {

    private static final String NAME = "add_phone";
    private static final String REASON_PREFIX = NAME + " ";

    /** The required fields in the order the error's DATA lists them (§5.1 step 4). */
    private static final List<PhoneField> REQUIRED = List.of(EXTENSION, DIALPLAN_NUMBER, VOICEMAIL_ID, PHONE_LOGIN,
            PHONE_PASS, SERVER_IP, PROTOCOL, REGISTRATION_PASSWORD, PHONE_FULL_NAME, LOCAL_GMT, OUTBOUND_CID);

    private final PhoneRepository phones;
    private final TemplateRepository templates;
    private final PhoneService phoneService;
    private final LogRepository logs;

    AddPhoneFunction(PhoneRepository phones, TemplateRepository templates, PhoneService phoneService,
            LogRepository logs) {
        this.phones = phones;
        this.templates = templates;
        this.phoneService = phoneService;
        this.logs = logs;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String permissionReason() {
        return "add_phone USER DOES NOT HAVE PERMISSION TO ADD PHONES";
    }

    @Override
    public Uni<Reply> run(ApiCall call) {
        Map<PhoneField, String> value = new EnumMap<>(PhoneField.class);
        for (PhoneField field : PhoneField.values()) {
            value.put(field, call.get(field.parameter()));
        }
        String user = call.user();
        // Read once, after the widths were cut, for the three existence checks that follow each other.
        Uni<AddPhoneFacts> facts = Uni.createFrom()
                .deferred(() -> phones.addPhoneFacts(call.connection(), value.get(SERVER_IP), value.get(EXTENSION),
                        value.get(PHONE_LOGIN)))
                .memoize().indefinitely();
        return CheckChain.start()
                .check(() -> unless(hasRequiredFields(value), () -> Replies.error(
                        "add_phone YOU MUST USE ALL REQUIRED FIELDS", user, requiredData(value, false))
                        .loggingData(requiredData(value, true))))
                .then(() -> cutToColumns(value))
                .checkAsync(() -> facts.map(known -> unless(known.serverExists(), () -> Replies.error(
                        "add_phone SERVER DOES NOT EXIST", user, value.get(SERVER_IP)))))
                .checkAsync(() -> facts.map(known -> unless(!known.phoneExists(), () -> Replies.error(
                        "add_phone PHONE ALREADY EXISTS ON THIS SERVER", user,
                        value.get(SERVER_IP) + "|" + value.get(EXTENSION)))))
                .checkAsync(() -> facts.map(known -> unless(!known.loginExists(), () -> Replies.error(
                        "add_phone PHONE LOGIN ALREADY EXISTS", user, value.get(PHONE_LOGIN)))))
                .check(() -> unless(TimezoneRule.isValid(value.get(LOCAL_GMT)), () -> Replies.error(
                        REASON_PREFIX + LOCAL_GMT.update().reason(), user, value.get(LOCAL_GMT))))
                .checkAsync(() -> templateCheck(call, value))
                .finish(() -> add(call, value));
    }

    private static boolean hasRequiredFields(Map<PhoneField, String> value) {
        for (PhoneField field : REQUIRED) {
            if (value.get(field).length() < field.add().minLength()) {
                return false;
            }
        }
        return OptionalFields.isProtocol(value.get(PROTOCOL));
    }

    /** Every required field, empty ones too; for the API log, the passwords masked. */
    private static String requiredData(Map<PhoneField, String> value, boolean forLog) {
        return String.join("|", REQUIRED.stream()
                .map(field -> forLog ? field.logged(value.get(field)) : value.get(field))
                .toList());
    }

    /**
     * D3: every field add_phone reads is cut right after the required-fields check, but {@code local_gmt}: the
     * timezone rule sees it uncut, and it is cut when stored.
     */
    private static void cutToColumns(Map<PhoneField, String> value) {
        for (PhoneField field : PhoneField.values()) {
            if (field.add().reads() && field != LOCAL_GMT) {
                value.put(field, field.cut(value.get(field)));
            }
        }
    }

    private Uni<Reply> templateCheck(ApiCall call, Map<PhoneField, String> value) {
        String templateId = value.get(TEMPLATE_ID);
        if (!OptionalFields.templateGiven(templateId) || OptionalFields.clearsTemplate(templateId)) {
            return Uni.createFrom().nullItem();
        }
        return templates.exists(call.connection(), templateId)
                .map(exists -> unless(exists, () -> Replies.error(REASON_PREFIX + TEMPLATE_ID.update().reason(),
                        call.user(), value.get(PHONE_LOGIN) + "|" + templateId)));
    }

    private Uni<Reply> add(ApiCall call, Map<PhoneField, String> value) {
        PhoneRow row = newRow(call.request(), value);
        String extension = value.get(EXTENSION);
        String serverIp = value.get(SERVER_IP);
        String phone = extension + "|" + serverIp;
        var adminLog = new AdminLogEntry("PHONES", "ADD", extension, "ADMIN API ADD PHONE", "phone: " + phone,
                "add phone " + extension + "@" + serverIp + ": " + String.join(", ", row.columns().keySet()));
        return logs.append(call.connection(), adminLog, call.user(), call.request().clientIp())
                .chain(() -> phoneService.add(call.connection(), call.pending(), row, call.request().actor(),
                        call.request().receivedAt()))
                .replaceWith(() -> Replies.success("add_phone PHONE HAS BEEN ADDED", call.user(),
                        phone + "|" + value.get(PROTOCOL) + "|" + value.get(DIALPLAN_NUMBER)));
    }

    /** The row add_phone inserts (§5.4): each field by its add rule, the phone always active. */
    private static PhoneRow newRow(ApiRequest request, Map<PhoneField, String> value) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (PhoneField field : PhoneField.values()) {
            String sent = value.get(field);
            switch (field.add().kind()) {
                case REQUIRED -> columns.put(field.column(), field.cut(sent));
                case OR_ELSE -> columns.put(field.column(), sent.isEmpty() ? field.add().fallback() : sent);
                case TEMPLATE -> {
                    if (OptionalFields.templateGiven(sent)) {
                        columns.put(field.column(), OptionalFields.clearsTemplate(sent) ? "" : sent);
                    }
                }
                case FLAG, NOT_READ -> {
                }
            }
        }
        columns.put("active", "Y");
        columns.put("status", "ACTIVE");
        OptionalFields.putWebphoneFlags(request, columns);
        return new PhoneRow(columns);
    }
}

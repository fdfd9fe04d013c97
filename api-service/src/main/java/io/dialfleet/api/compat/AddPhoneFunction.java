package io.dialfleet.api.compat;

import static io.dialfleet.api.compat.ApiParameter.ADMIN_USER_GROUP;
import static io.dialfleet.api.compat.ApiParameter.DIALPLAN_NUMBER;
import static io.dialfleet.api.compat.ApiParameter.EMAIL;
import static io.dialfleet.api.compat.ApiParameter.EXTENSION;
import static io.dialfleet.api.compat.ApiParameter.LOCAL_GMT;
import static io.dialfleet.api.compat.ApiParameter.OUTBOUND_CID;
import static io.dialfleet.api.compat.ApiParameter.PHONE_CONTEXT;
import static io.dialfleet.api.compat.ApiParameter.PHONE_FULL_NAME;
import static io.dialfleet.api.compat.ApiParameter.PHONE_LOGIN;
import static io.dialfleet.api.compat.ApiParameter.PHONE_PASS;
import static io.dialfleet.api.compat.ApiParameter.PROTOCOL;
import static io.dialfleet.api.compat.ApiParameter.REGISTRATION_PASSWORD;
import static io.dialfleet.api.compat.ApiParameter.SERVER_IP;
import static io.dialfleet.api.compat.ApiParameter.TEMPLATE_ID;
import static io.dialfleet.api.compat.ApiParameter.VOICEMAIL_ID;
import static io.dialfleet.api.compat.CheckChain.unless;

import io.dialfleet.api.repository.AdminLogEntry;
import io.dialfleet.api.repository.LogRepository;
import io.dialfleet.api.repository.PhoneRepository;
import io.dialfleet.api.repository.PhoneRepository.AddPhoneFacts;
import io.dialfleet.api.repository.TemplateRepository;
import io.dialfleet.api.service.PhoneService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code add_phone} (non-agent-api.md §5). */
@ApplicationScoped
class AddPhoneFunction implements NonAgentFunction {

    private static final String NAME = "add_phone";

    /** The required fields in the order the error's DATA lists them. */
    private static final List<ApiParameter> REQUIRED = List.of(EXTENSION, DIALPLAN_NUMBER, VOICEMAIL_ID,
            PHONE_LOGIN, PHONE_PASS, SERVER_IP, PROTOCOL, REGISTRATION_PASSWORD, PHONE_FULL_NAME, LOCAL_GMT,
            OUTBOUND_CID);

    /** D3: where add_phone cuts values to their columns, right after the required-fields check. */
    private static final Map<ApiParameter, Integer> WIDTHS = widths();

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
        ApiRequest request = call.request();
        Map<ApiParameter, String> value = new EnumMap<>(ApiParameter.class);
        for (ApiParameter parameter : ApiParameter.values()) {
            value.put(parameter, request.get(parameter));
        }
        String user = call.user();
        // Read once, after the widths were cut, for the three existence checks that follow each other.
        Uni<AddPhoneFacts> facts = Uni.createFrom()
                .deferred(() -> phones.addPhoneFacts(call.connection(), value.get(SERVER_IP), value.get(EXTENSION),
                        value.get(PHONE_LOGIN)))
                .memoize().indefinitely();
        return CheckChain.start()
                .check(() -> unless(hasRequiredFields(value), () -> Replies.error(
                        "add_phone YOU MUST USE ALL REQUIRED FIELDS", user, requiredData(value))))
                .then(() -> WIDTHS.forEach((parameter, width) ->
                        value.put(parameter, ColumnWidth.cut(value.get(parameter), width))))
                .checkAsync(() -> facts.map(known -> unless(known.serverExists(), () -> Replies.error(
                        "add_phone SERVER DOES NOT EXIST", user, value.get(SERVER_IP)))))
                .checkAsync(() -> facts.map(known -> unless(!known.phoneExists(), () -> Replies.error(
                        "add_phone PHONE ALREADY EXISTS ON THIS SERVER", user,
                        value.get(SERVER_IP) + "|" + value.get(EXTENSION)))))
                .checkAsync(() -> facts.map(known -> unless(!known.loginExists(), () -> Replies.error(
                        "add_phone PHONE LOGIN ALREADY EXISTS", user, value.get(PHONE_LOGIN)))))
                .check(() -> unless(TimezoneRule.isValid(value.get(LOCAL_GMT)), () -> Replies.error(
                        "add_phone YOU MUST USE A VALID TIMEZONE", user, value.get(LOCAL_GMT))))
                .checkAsync(() -> templateCheck(call, value))
                .finish(() -> add(call, value));
    }

    private static boolean hasRequiredFields(Map<ApiParameter, String> value) {
        if (value.get(EXTENSION).length() < 2 || value.get(DIALPLAN_NUMBER).length() < 2) {
            return false;
        }
        for (ApiParameter parameter : REQUIRED.subList(2, REQUIRED.size())) {
            if (value.get(parameter).isEmpty()) {
                return false;
            }
        }
        return OptionalFields.isProtocol(value.get(PROTOCOL));
    }

    private static String requiredData(Map<ApiParameter, String> value) {
        StringBuilder data = new StringBuilder();
        for (ApiParameter parameter : REQUIRED) {
            data.append(data.isEmpty() ? "" : "|").append(value.get(parameter));
        }
        return data.toString();
    }

    private Uni<Reply> templateCheck(ApiCall call, Map<ApiParameter, String> value) {
        String templateId = value.get(TEMPLATE_ID);
        if (!OptionalFields.templateGiven(templateId) || OptionalFields.clearsTemplate(templateId)) {
            return Uni.createFrom().nullItem();
        }
        return templates.exists(call.connection(), templateId)
                .map(exists -> unless(exists, () -> Replies.error(
                        "add_phone TEMPLATE ID DOES NOT EXIST, THIS IS AN OPTIONAL FIELD", call.user(),
                        value.get(PHONE_LOGIN) + "|" + templateId)));
    }

    private Uni<Reply> add(ApiCall call, Map<ApiParameter, String> value) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("extension", value.get(EXTENSION));
        columns.put("dialplan_number", value.get(DIALPLAN_NUMBER));
        columns.put("voicemail_id", value.get(VOICEMAIL_ID));
        columns.put("login", value.get(PHONE_LOGIN));
        columns.put("pass", value.get(PHONE_PASS));
        columns.put("server_ip", value.get(SERVER_IP));
        columns.put("protocol", value.get(PROTOCOL));
        columns.put("conf_secret", value.get(REGISTRATION_PASSWORD));
        columns.put("fullname", value.get(PHONE_FULL_NAME));
        columns.put("local_gmt", ColumnWidth.cut(value.get(LOCAL_GMT), 6));
        columns.put("outbound_cid", value.get(OUTBOUND_CID));
        columns.put("phone_context", orDefault(value.get(PHONE_CONTEXT), "default"));
        columns.put("email", value.get(EMAIL));
        columns.put("user_group", orDefault(value.get(ADMIN_USER_GROUP), "---ALL---"));
        columns.put("active", "Y");
        columns.put("status", "ACTIVE");
        OptionalFields.putWebphoneFlags(call.request(), columns);
        String templateId = value.get(TEMPLATE_ID);
        if (OptionalFields.templateGiven(templateId)) {
            columns.put("template_id", OptionalFields.clearsTemplate(templateId) ? "" : templateId);
        }
        String extension = value.get(EXTENSION);
        String serverIp = value.get(SERVER_IP);
        String phone = extension + "|" + serverIp;
        var adminLog = new AdminLogEntry("PHONES", "ADD", extension, "ADMIN API ADD PHONE", "phone: " + phone,
                "add phone " + extension + "@" + serverIp + ": " + String.join(", ", columns.keySet()));
        return logs.append(call.connection(), adminLog, call.user(), call.request().clientIp())
                .chain(() -> phoneService.add(call.connection(), call.pending(), columns, call.request().actor(),
                        call.request().receivedAt()))
                .replaceWith(() -> Replies.success("add_phone PHONE HAS BEEN ADDED", call.user(),
                        phone + "|" + value.get(PROTOCOL) + "|" + value.get(DIALPLAN_NUMBER)));
    }

    private static String orDefault(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }

    private static Map<ApiParameter, Integer> widths() {
        Map<ApiParameter, Integer> widths = new EnumMap<>(ApiParameter.class);
        widths.put(EXTENSION, 100);
        widths.put(DIALPLAN_NUMBER, 20);
        widths.put(VOICEMAIL_ID, 10);
        widths.put(PHONE_LOGIN, 15);
        widths.put(PHONE_PASS, 100);
        widths.put(REGISTRATION_PASSWORD, 100);
        widths.put(PHONE_FULL_NAME, 50);
        widths.put(OUTBOUND_CID, 20);
        widths.put(PHONE_CONTEXT, 20);
        widths.put(EMAIL, 100);
        widths.put(ADMIN_USER_GROUP, 20);
        return widths;
    }
}

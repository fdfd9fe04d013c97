package io.dialfleet.api.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameter reading and filtering, with the contract's own examples (docs/spec/non-agent-api.md §2.2, §3.1). */
class RequestReaderTest {

    private static Map<ApiParameter, String> get(String query) {
        return RequestReader.read(query, "GET", null, new byte[0]);
    }

    private static Map<ApiParameter, String> post(String query, String contentType, String body) {
        return RequestReader.read(query, "POST", contentType, body.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void theQueryStringWinsNameByNameEvenWhenEmpty() {
        var parameters = post("user=6666&pass=", "application/x-www-form-urlencoded", "pass=1234&stage=REFRESH");
        assertThat(parameters).containsEntry(ApiParameter.PASS, "").containsEntry(ApiParameter.STAGE, "REFRESH");
    }

    @Test
    void theLastOccurrenceWinsAndABareNameIsEmpty() {
        assertThat(get("user=1&user=2&pass")).containsEntry(ApiParameter.USER, "2").containsEntry(ApiParameter.PASS, "");
    }

    @Test
    void bodiesAreReadOnlyForFormPosts() {
        assertThat(post("", "application/json", "{\"user\":\"6666\"}")).isEmpty();
        assertThat(RequestReader.read("", "PUT", "application/x-www-form-urlencoded",
                "user=6666".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
        assertThat(post("", "Application/X-WWW-Form-URLEncoded; charset=UTF-8", "user=6666"))
                .containsEntry(ApiParameter.USER, "6666");
    }

    @Test
    void multipartFieldsAreTakenAsSentAndUploadsAreNotParameters() {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\n66+66\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"pass\"; filename=\"p.txt\"\r\n\r\n1234\r\n--XyZ--\r\n";
        var parameters = post("", "multipart/form-data; boundary=XyZ", body);
        assertThat(parameters).containsEntry(ApiParameter.USER, "6666").doesNotContainKey(ApiParameter.PASS);
    }

    @Test
    void dotsAndSpacesInNamesReadAsUnderscores() {
        assertThat(get("phone.login=8100&phone+pass=x1")).containsEntry(ApiParameter.PHONE_LOGIN, "8100")
                .containsEntry(ApiParameter.PHONE_PASS, "x1");
    }

    @Test
    void decodingPrecedesFilteringAndABrokenEscapeStays() {
        assertThat(get("user=66+66&pass=12.34&extension=81.00%23&server_ip=10.10.10.15+"))
                .containsEntry(ApiParameter.USER, "6666")
                .containsEntry(ApiParameter.PASS, "1234")
                .containsEntry(ApiParameter.EXTENSION, "8100")
                .containsEntry(ApiParameter.SERVER_IP, "10.10.10.15");
        assertThat(get("email=a%2Bb%40example.com%zz")).containsEntry(ApiParameter.EMAIL, "a b@example.com%zz");
    }

    @Test
    void filtersFollowTheContractTable() {
        assertThat(get("phone_full_name=A%2BB+C&alias_name=A%2BB+C")).containsEntry(ApiParameter.PHONE_FULL_NAME, "A+B C")
                .containsEntry(ApiParameter.ALIAS_NAME, "A+B C");
        assertThat(get("delete_phone=Yes&delete_alias=y&active=No")).containsEntry(ApiParameter.DELETE_PHONE, "Y")
                .containsEntry(ApiParameter.DELETE_ALIAS, "").containsEntry(ApiParameter.ACTIVE, "N");
        assertThat(get("outbound_cid=%28312%29+555-1212&local_gmt=%2B5.00")).containsEntry(ApiParameter.OUTBOUND_CID, "3125551212")
                .containsEntry(ApiParameter.LOCAL_GMT, "5.00");
        assertThat(get("outbound_cid=---ALL---&server_ip=10.10.10.15:5060&voicemail_id=v1x"))
                .containsEntry(ApiParameter.OUTBOUND_CID, "---ALL---")
                .containsEntry(ApiParameter.SERVER_IP, "10.10.10.15:5060")
                .containsEntry(ApiParameter.VOICEMAIL_ID, "v1x");
        assertThat(get("phone_full_name=M%C3%BCller+Jos%C3%A9&email=o%27neil%40x.com"))
                .containsEntry(ApiParameter.PHONE_FULL_NAME, "Mller Jos")
                .containsEntry(ApiParameter.EMAIL, "o'neil@x.com");
        assertThat(get("function=add_phone%21&phone_ring_timeout=abc")).containsEntry(ApiParameter.FUNCTION, "add_phone")
                .containsEntry(ApiParameter.PHONE_RING_TIMEOUT, "");
    }
}

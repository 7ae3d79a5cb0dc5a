package org.switchboard.web.crm;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.crm.ContactCategoryView;
import org.switchboard.core.crm.CrmService;
import org.switchboard.web.common.Problem;

/** The lookup "Contact categories" over REST (EC-02): the values a contact's {@code categoryId} takes. */
@RequestScoped
@Path("v1/contact-categories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts and accounts")
public class ContactCategoriesResource {

    @Inject
    private CrmService crm;

    @GET
    @Operation(summary = "The contact categories in their order, with how many contacts each holds; a seeded one has "
            + "a code (EMPLOYEES, CUSTOMERS, PARTNERS, SUPPLIERS)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = ContactCategoryView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<ContactCategoryView> list() {
        return crm.categories();
    }
}

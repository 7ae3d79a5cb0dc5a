package org.switchboard.it;

import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.not;
import static org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.net.URL;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/**
 * The application's pages as a test drives them in the {@link Browser}: open, sign in, type, click, pick from a
 * PrimeFaces menu, confirm. Every step waits for its element (never sleeps).
 */
public final class Pages {

    private final Browser browser;
    private final URL base;

    public Pages(Browser browser, URL base) {
        this.browser = browser;
        this.base = base;
    }

    public WebDriver driver() {
        return browser.driver();
    }

    public void open(String path) {
        driver().get(Deployments.resolve(base, path).toString());
    }

    /** Signs in on the login page, starting without any cookie. */
    public void signIn(String login, String password) {
        UsedSecrets.remember(password);
        open("login.xhtml");
        driver().manage().deleteAllCookies();
        open("login.xhtml");
        type("login:username", login);
        type("login:password", password);
        click("login:signIn");
        browser.waitFor().until(not(urlContains("login.xhtml")));
    }

    public WebElement element(String id) {
        return browser.waitFor().until(visibilityOfElementLocated(By.id(id)));
    }

    public void type(String id, String text) {
        WebElement input = element(id);
        input.clear();
        input.sendKeys(text);
    }

    public void click(String id) {
        browser.waitFor().until(elementToBeClickable(By.id(id))).click();
    }

    /** Clicks a button whose form the answer replaces (an ajax update of @form, or a new page), and waits for it. */
    public void submit(String id) {
        WebElement button = browser.waitFor().until(elementToBeClickable(By.id(id)));
        button.click();
        browser.waitFor().until(stalenessOf(button));
    }

    public String text(String id) {
        return element(id).getText().trim();
    }

    /**
     * Chooses the item with that label in a PrimeFaces select-one menu. A filterable menu is narrowed to the label
     * first, so that in a long list the item is not under the panel's edge; a panel that closed (a scroll closes it)
     * is opened again, and a click that would land elsewhere is tried again.
     */
    public void pick(String menuId, String label) {
        By item = By.xpath("//*[@id='" + menuId + "_panel']//li[contains(@class,'ui-selectonemenu-item')]"
                + "[normalize-space()='" + label + "']");
        browser.waitFor().ignoring(ElementNotInteractableException.class)
                .ignoring(StaleElementReferenceException.class).until(d -> {
                    if (!d.findElement(By.id(menuId + "_panel")).isDisplayed()) {
                        d.findElement(By.id(menuId)).click();
                        return false;
                    }
                    List<WebElement> filter = d.findElements(By.id(menuId + "_filter"));
                    if (!filter.isEmpty() && !label.equals(filter.get(0).getAttribute("value"))) {
                        filter.get(0).clear();
                        filter.get(0).sendKeys(label);
                        return false;
                    }
                    WebElement found = elementToBeClickable(item).apply(d);
                    if (found == null) {
                        return false;
                    }
                    found.click();
                    return true;
                });
        // A menu inside the block its own ajax updates is replaced meanwhile: a stale label is one more "not yet".
        browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(d -> label.equals(d.findElement(By.id(menuId + "_label")).getText().trim()));
    }

    /** Answers "Yes" in the global confirmation dialog. */
    public void confirm() {
        click("confirmYes");
    }

    /** Waits until the element shows the text. */
    public void awaitText(String id, String text) {
        // A page being replaced (a redirect after an action) can answer "node does not belong to the document",
        // which Selenium reports as a plain WebDriverException: it is one more "not yet".
        browser.waitFor().ignoring(StaleElementReferenceException.class).ignoring(WebDriverException.class)
                .until(d -> {
                    var found = d.findElements(By.id(id));
                    return !found.isEmpty() && found.get(0).getText().contains(text);
                });
    }

    /** The text of the element {@code column} in the data-table row whose link {@code open} shows {@code key}. */
    public String cell(String tableId, String key, String column) {
        By cell = By.xpath("//*[@id='" + tableId + "']//tr[.//a[contains(@id,':open')][normalize-space()='" + key
                + "']]//*[contains(@id,':" + column + "')]");
        return browser.waitFor().until(visibilityOfElementLocated(cell)).getText().trim();
    }
}

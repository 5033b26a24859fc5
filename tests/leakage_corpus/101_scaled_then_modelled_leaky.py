# expect: TFL101
# The twin: the same scaled table is what the model is trained and scored on.
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler

frame = pd.read_csv("houses.csv")
features, price = frame.drop(columns="price"), frame["price"]

shown = MinMaxScaler().fit_transform(features)

f_train, f_test, p_train, p_test = train_test_split(shown, price, random_state=1)
ridge = Ridge().fit(f_train, p_train)
print(ridge.score(f_test, p_test))
